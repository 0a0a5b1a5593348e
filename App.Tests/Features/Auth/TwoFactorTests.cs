using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Features.Auth;

/// <summary>
/// Two-factor sign-in through the real pipeline, with time standing still unless a test moves it:
/// enrolment, the second step of the form and of the token route, replays, recovery codes, the
/// lock-out, an Admin's reset, and <c>Auth:RequireMfa</c>.
/// </summary>
[TestClass]
public sealed class TwoFactorTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 9, 0, 5, TimeSpan.Zero));

    [TestMethod]
    public async Task Enrolment_shows_the_key_as_a_qr_code_and_text_and_hands_out_ten_recovery_codes_once()
    {
        await using var portal = new PortalFactory { Time = _time };
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var browser = await portal.CreateSignedInClientAsync(email, PortalFactory.StaffPassword);
        using var before = await browser.GetAsync("/account/mfa");
        var page = await before.Content.ReadAsStringAsync();

        var (key, codes) = await TwoFactor.EnrolAsync(browser, _time);
        using var after = await browser.GetAsync("/account/mfa");

        StringAssert.Contains(page, "<svg", "the QR code is drawn on the server");
        Assert.DoesNotContain("<script", page[page.IndexOf("<svg", StringComparison.Ordinal)..page.IndexOf("</svg>", StringComparison.Ordinal)]);
        Assert.AreEqual(32, key.Length, "a 160-bit key in Base32");
        Assert.HasCount(10, codes);
        Assert.HasCount(10, codes.Distinct());
        var shownLater = await after.Content.ReadAsStringAsync();
        Assert.IsFalse(codes.Any(c => shownLater.Contains(c, StringComparison.Ordinal)), "recovery codes are shown only once");
        StringAssert.Contains(shownLater, "Two-factor sign-in is on");
    }

    [TestMethod]
    public async Task A_wrong_first_code_enrols_nothing()
    {
        await using var portal = new PortalFactory { Time = _time };
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var browser = await portal.CreateSignedInClientAsync(email, PortalFactory.StaffPassword);
        using var page = await browser.GetAsync("/account/mfa");

        using var refused = await PortalFactory.PostFormAsync(browser, page, "/account/mfa", "mfa-confirm", new Dictionary<string, string> { ["Input.Code"] = "000000" });

        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "That code is not the one the app shows now.");
        using var anonymous = portal.CreateRawClient();
        Assert.AreEqual(HttpStatusCode.OK, (await TokenAsync(anonymous, email, PortalFactory.StaffPassword)).Status, "no code is asked for: nothing was enrolled");
    }

    [TestMethod]
    public async Task The_token_route_asks_for_the_code_takes_it_once_and_refuses_a_wrong_one()
    {
        await using var portal = new PortalFactory { Time = _time };
        var (email, key, _) = await EnrolledAsync(portal);
        using var client = portal.CreateRawClient();
        _time.Advance(Step);

        var withoutCode = await TokenAsync(client, email, PortalFactory.StaffPassword);
        var wrong = await TokenAsync(client, email, PortalFactory.StaffPassword, "123456");
        var code = TwoFactor.Code(key, _time.GetUtcNow());
        var right = await TokenAsync(client, email, PortalFactory.StaffPassword, code);
        var replayed = await TokenAsync(client, email, PortalFactory.StaffPassword, code);
        var wrongPassword = await TokenAsync(client, email, "Wrong-Pass-1!", TwoFactor.Code(key, _time.GetUtcNow() + Step));

        Assert.AreEqual((HttpStatusCode.Unauthorized, AuthApi.MfaRequired), (withoutCode.Status, withoutCode.Body.GetProperty("type").GetString()));
        Assert.AreEqual(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.AreEqual(HttpStatusCode.OK, right.Status);
        Assert.AreEqual((HttpStatusCode.Unauthorized, SignInMessages.CodeWrong), (replayed.Status, replayed.Body.GetProperty("detail").GetString()), "a used code is refused");
        Assert.AreEqual(HttpStatusCode.Unauthorized, wrongPassword.Status, "a code never stands in for the password");
    }

    [TestMethod]
    public async Task A_code_of_the_step_before_or_after_is_accepted_and_one_of_two_steps_away_is_not()
    {
        await using var portal = new PortalFactory { Time = _time };
        var (email, key, _) = await EnrolledAsync(portal);
        using var client = portal.CreateRawClient();
        _time.Advance(Step * 10);
        var now = _time.GetUtcNow();

        var twoBefore = await TokenAsync(client, email, PortalFactory.StaffPassword, TwoFactor.Code(key, now - (2 * Step)));
        var oneBefore = await TokenAsync(client, email, PortalFactory.StaffPassword, TwoFactor.Code(key, now - Step));
        var twoAfter = await TokenAsync(client, email, PortalFactory.StaffPassword, TwoFactor.Code(key, now + (2 * Step)));
        var oneAfter = await TokenAsync(client, email, PortalFactory.StaffPassword, TwoFactor.Code(key, now + Step));
        var current = await TokenAsync(client, email, PortalFactory.StaffPassword, TwoFactor.Code(key, now));

        CollectionAssert.AreEqual(
            new[] { HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized },
            new[] { twoBefore.Status, oneBefore.Status, twoAfter.Status, oneAfter.Status, current.Status },
            "the current step's code after the next step's is a step already passed");
    }

    [TestMethod]
    public async Task A_recovery_code_signs_in_once_and_the_trail_counts_what_is_left()
    {
        await using var portal = new PortalFactory { Time = _time };
        var (email, _, codes) = await EnrolledAsync(portal);
        using var client = portal.CreateRawClient();

        var first = await TokenAsync(client, email, PortalFactory.StaffPassword, codes[3]);
        var again = await TokenAsync(client, email, PortalFactory.StaffPassword, codes[3]);
        var another = await TokenAsync(client, email, PortalFactory.StaffPassword, codes[4]);

        Assert.AreEqual((HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK), (first.Status, again.Status, another.Status));
        using var admin = await ApiClient.AdminAsync(portal);
        var changes = (await admin.GetAsync($"/api/audit?action=auth.signed_in&actor={Uri.EscapeDataString(email)}")).Is(HttpStatusCode.OK).Body
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("changes").GetRawText()).ToArray();
        CollectionAssert.Contains(changes, """{"recoveryCodesLeft":{"from":10,"to":9}}""");
        CollectionAssert.Contains(changes, """{"recoveryCodesLeft":{"from":9,"to":8}}""");
    }

    [TestMethod]
    public async Task Wrong_codes_count_towards_the_lock_out()
    {
        await using var portal = new PortalFactory { Time = _time };
        var (email, key, _) = await EnrolledAsync(portal);
        using var client = portal.CreateRawClient();
        _time.Advance(Step);

        for (var i = 0; i < 5; i++)
        {
            await TokenAsync(client, email, PortalFactory.StaffPassword, $"00000{i}");
        }

        var right = await TokenAsync(client, email, PortalFactory.StaffPassword, TwoFactor.Code(key, _time.GetUtcNow()));

        Assert.AreEqual((HttpStatusCode.Unauthorized, SignInMessages.LockedOut), (right.Status, right.Body.GetProperty("detail").GetString()));
    }

    [TestMethod]
    public async Task The_form_asks_for_the_code_next_and_signs_in_with_it()
    {
        await using var portal = new PortalFactory { Time = _time };
        var (email, key, _) = await EnrolledAsync(portal);
        _time.Advance(Step);
        using var browser = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        using var password = await PortalFactory.PostSignInAsync(browser, email, PortalFactory.StaffPassword);
        using var dashboardBefore = await browser.GetAsync("/");
        using var codePage = await browser.GetAsync(password.Headers.Location!.PathAndQuery);
        using var code = await PortalFactory.PostFormAsync(browser, codePage, "/account/sign-in/code", "sign-in-code",
            new Dictionary<string, string> { ["Input.Code"] = TwoFactor.Code(key, _time.GetUtcNow()) });
        using var dashboard = await browser.GetAsync("/");

        Assert.AreEqual("/account/sign-in/code", password.Headers.Location!.AbsolutePath);
        Assert.AreEqual(HttpStatusCode.Redirect, dashboardBefore.StatusCode, "the password alone signs nobody in");
        Assert.AreEqual(HttpStatusCode.Redirect, code.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [TestMethod]
    public async Task An_admin_resets_a_members_enrolment_which_ends_their_tokens_and_is_audited()
    {
        await using var portal = new PortalFactory { Time = _time };
        var (email, key, _) = await EnrolledAsync(portal);
        _time.Advance(Step);
        using var member = new ApiClient(portal.CreateRawClient());
        var token = (await TokenAsync(member.Http, email, PortalFactory.StaffPassword, TwoFactor.Code(key, _time.GetUtcNow()))).Body.GetProperty("accessToken").GetString();
        using var admin = await ApiClient.AdminAsync(portal);
        var id = await portal.StaffIdAsync(email);

        var reset = (await admin.PostAsync($"/api/staff/{id}/mfa/reset", new { })).Is(HttpStatusCode.OK);
        member.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var oldToken = await member.GetAsync("/api/users");
        var passwordOnly = await TokenAsync(member.Http, email, PortalFactory.StaffPassword);

        Assert.IsFalse(reset.Body.GetProperty("mfaEnabled").GetBoolean());
        Assert.AreEqual(HttpStatusCode.Unauthorized, oldToken.Status, "the reset ended the member's tokens");
        Assert.AreEqual(HttpStatusCode.OK, passwordOnly.Status, "they enrol again; until then the password is enough");
        var entry = (await admin.GetAsync("/api/audit?action=staff.mfa_reset")).Is(HttpStatusCode.OK).Body.GetProperty("items")[0];
        Assert.AreEqual((PortalFactory.AdminEmail, id, """{"mfaEnabled":{"from":true,"to":false}}"""),
            (entry.GetProperty("actor").GetString(), entry.GetProperty("entityId").GetString(), entry.GetProperty("changes").GetRawText()));
    }

    [TestMethod]
    public async Task Enrolment_is_audited_without_the_key_or_the_codes()
    {
        await using var portal = new PortalFactory { Time = _time };
        var (email, key, codes) = await EnrolledAsync(portal);
        using var admin = await ApiClient.AdminAsync(portal);

        var all = (await admin.GetAsync("/api/audit?pageSize=100")).Is(HttpStatusCode.OK).Text;
        var enrolled = (await admin.GetAsync("/api/audit?action=auth.mfa_enrolled")).Is(HttpStatusCode.OK).Body.GetProperty("items")[0];

        Assert.AreEqual(email, enrolled.GetProperty("actor").GetString());
        Assert.DoesNotContain(key, all);
        Assert.IsFalse(codes.Any(c => all.Contains(c, StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task With_mfa_required_an_unenrolled_member_is_sent_to_enrol_and_the_api_refuses_them_until_they_do()
    {
        await using var portal = new PortalFactory { Time = _time }.With("Auth:RequireMfa", "true");
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var browser = await portal.CreateSignedInClientAsync(email, PortalFactory.StaffPassword);
        using var api = new ApiClient(await portal.CreateApiClientAsync(email, PortalFactory.StaffPassword));

        using var page = await browser.GetAsync("/users");
        var refused = await api.GetAsync("/api/users");
        var (key, _) = await TwoFactor.EnrolAsync(browser, _time);
        using var pageAfter = await browser.GetAsync("/users");
        _time.Advance(Step);
        using var enrolledApi = new ApiClient(portal.CreateRawClient());
        var token = (await TokenAsync(enrolledApi.Http, email, PortalFactory.StaffPassword, TwoFactor.Code(key, _time.GetUtcNow()))).Body.GetProperty("accessToken").GetString();
        enrolledApi.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.AreEqual((HttpStatusCode.Redirect, "/account/mfa"), (page.StatusCode, page.Headers.Location?.OriginalString));
        Assert.AreEqual(MfaRequirement.EnrolmentRequired, refused.Problem(HttpStatusCode.Forbidden).GetProperty("type").GetString());
        Assert.AreEqual(HttpStatusCode.OK, pageAfter.StatusCode, "enrolled, the member is let in");
        (await enrolledApi.GetAsync("/api/users")).Is(HttpStatusCode.OK);
    }

    private static async Task<(string Email, string Key, string[] Codes)> EnrolledAsync(PortalFactory portal)
    {
        var email = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var browser = await portal.CreateSignedInClientAsync(email, PortalFactory.StaffPassword);
        var (key, codes) = await TwoFactor.EnrolAsync(browser, portal.Services.GetRequiredService<TimeProvider>());
        return (email, key, codes);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(HttpClient client, string email, string password, string? code = null)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password, code });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }
}
