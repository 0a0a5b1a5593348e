using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.Tests.Features.Auth;

[TestClass]
public sealed class TokenTests
{
    [TestMethod]
    public async Task An_enabled_member_gets_a_one_hour_bearer_token()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = "ADMIN@example.com", password = PortalFactory.AdminPassword });

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual("Bearer", body.RootElement.GetProperty("tokenType").GetString());
        Assert.AreEqual(3600, body.RootElement.GetProperty("expiresIn").GetInt32());
        Assert.IsFalse(string.IsNullOrEmpty(body.RootElement.GetProperty("accessToken").GetString()));
    }

    [TestMethod]
    [DataRow(PortalFactory.AdminEmail, "wrong")]
    [DataRow("nobody@example.com", "wrong")]
    public async Task Wrong_credentials_get_401_problem_json(string email, string password)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual(SignInMessages.Failed, body.RootElement.GetProperty("detail").GetString());
    }

    [TestMethod]
    public async Task Missing_fields_get_400_naming_them()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = " " });

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");
        Assert.IsTrue(errors.TryGetProperty("email", out _));
        Assert.IsTrue(errors.TryGetProperty("password", out _));
    }

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task A_token_expires_after_one_hour()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory { Time = time };
        using var api = await portal.CreateApiClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        using var fresh = await api.GetAsync("/api/staff");
        time.Advance(TimeSpan.FromMinutes(59));
        using var nearlyExpired = await api.GetAsync("/api/staff");
        time.Advance(TimeSpan.FromMinutes(2));
        using var expired = await api.GetAsync("/api/staff");

        Assert.AreEqual(HttpStatusCode.OK, fresh.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, nearlyExpired.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task A_tampered_token_is_refused()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var token = await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var parts = token.Split('.');
        // Same signature, but the payload now claims another subject.
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"sub\":\"", "\"sub\":\"x", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        using var client = portal.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tampered);

        using var response = await client.GetAsync("/api/staff");

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var adminId = await portal.StaffIdAsync(PortalFactory.AdminEmail);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["sub"] = adminId, ["role"] = "Admin" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
        });
        using var client = portal.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);

        using var response = await client.GetAsync("/api/staff");

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    [TestCategory("Reliability")]
    [DataRow(AuthOptions.Issuer, AuthOptions.Audience, HttpStatusCode.OK)]
    [DataRow("https://attacker.example", AuthOptions.Audience, HttpStatusCode.Unauthorized)]
    [DataRow(AuthOptions.Issuer, "another-api", HttpStatusCode.Unauthorized)]
    public async Task A_token_with_the_right_key_but_another_issuer_or_audience_is_refused(string issuer, string audience, HttpStatusCode expected)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        // The portal's own token, re-issued with the portal's own key: only issuer and audience differ.
        var real = new JsonWebTokenHandler().ReadJsonWebToken(await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword));
        var registered = new HashSet<string>(StringComparer.Ordinal) { "iss", "aud", "exp", "nbf", "iat" };
        var reissued = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = real.Claims.Where(c => !registered.Contains(c.Type)).GroupBy(c => c.Type)
                .ToDictionary(g => g.Key, g => g.Count() == 1 ? (object)g.Single().Value : g.Select(c => c.Value).ToArray()),
            SigningCredentials = new SigningCredentials(portal.Services.GetRequiredService<TokenSigningKey>().Key, SecurityAlgorithms.HmacSha256),
        });
        using var client = portal.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", reissued);

        using var response = await client.GetAsync("/api/staff");

        Assert.AreEqual(expected, response.StatusCode);
    }

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task An_unsigned_token_is_refused()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var parts = (await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword)).Split('.');
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        using var client = portal.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", $"{header}.{parts[1]}.");

        using var response = await client.GetAsync("/api/staff");

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    [TestCategory("Reliability")]
    public async Task A_disabled_members_existing_token_stops_working_and_no_new_one_is_issued()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var email = await portal.CreateStaffAsync(StaffRoles.Admin);
        using var api = await portal.CreateApiClientAsync(email, PortalFactory.StaffPassword);
        using var before = await api.GetAsync("/api/staff");

        await SignInTests.Disable(portal, email);
        using var after = await api.GetAsync("/api/staff");
        using var client = portal.CreateRawClient();
        using var newToken = await client.PostAsJsonAsync("/api/auth/token", new { email, password = PortalFactory.StaffPassword });

        Assert.AreEqual(HttpStatusCode.OK, before.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, newToken.StatusCode);
    }

    [TestMethod]
    public async Task A_token_issued_before_a_role_change_stops_working()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var email = await portal.CreateStaffAsync(StaffRoles.Admin);
        using var api = await portal.CreateApiClientAsync(email, PortalFactory.StaffPassword);
        using var admin = await portal.CreateApiClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        using var before = await api.GetAsync("/api/staff");

        using var demote = await admin.PutAsJsonAsync($"/api/staff/{await portal.StaffIdAsync(email)}", new { role = "viewer" });
        using var after = await api.GetAsync("/api/staff");

        Assert.AreEqual(HttpStatusCode.OK, before.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, demote.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [TestMethod]
    public async Task A_token_issued_before_a_password_change_stops_working_at_once()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var api = await portal.CreateApiClientAsync(email, PortalFactory.StaffPassword);
        using var browser = await portal.CreateSignedInClientAsync(email, PortalFactory.StaffPassword);
        using var before = await api.GetAsync("/api/orders");

        using var form = await browser.GetAsync("/account/password");
        using var changed = await PortalFactory.PostFormAsync(browser, form, "/account/password", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = PortalFactory.StaffPassword,
            ["Input.New"] = "Another-Pass-2!",
            ["Input.Confirm"] = "Another-Pass-2!",
        });
        using var after = await api.GetAsync("/api/orders");

        Assert.AreEqual(HttpStatusCode.OK, before.StatusCode);
        StringAssert.Contains(await changed.Content.ReadAsStringAsync(), "Your password was changed.");
        Assert.AreEqual(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [TestMethod]
    public async Task The_token_endpoint_throttles_with_429_and_retry_after()
    {
        await using var portal = new PortalFactory().With("Auth:SignInAttemptsPerMinute", "3");
        using var client = portal.CreateRawClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.PostAsJsonAsync("/api/auth/token", new { email = PortalFactory.AdminEmail, password = "wrong" });
            statuses.Add(last.StatusCode);
        }

        CollectionAssert.AreEqual(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }, statuses);
        Assert.IsTrue(last!.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, "Retry-After names the seconds to wait");
        last.Dispose();
    }

    [TestMethod]
    public async Task Sign_in_posts_are_throttled_but_showing_the_form_is_not()
    {
        await using var portal = new PortalFactory().With("Auth:SignInAttemptsPerMinute", "2");
        using var client = portal.CreateRawClient();

        using var first = await PortalFactory.PostSignInAsync(client, "nobody@example.com", "wrong");
        using var second = await PortalFactory.PostSignInAsync(client, "nobody@example.com", "wrong");
        using var third = await PortalFactory.PostSignInAsync(client, "nobody@example.com", "wrong");
        using var form = await client.GetAsync(AuthFeature.SignInPath);

        Assert.AreEqual(HttpStatusCode.OK, second.StatusCode);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.IsNotNull(third.Headers.RetryAfter);
        Assert.AreEqual(HttpStatusCode.OK, form.StatusCode);
    }
}
