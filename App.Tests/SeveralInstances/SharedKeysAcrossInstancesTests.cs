using System.Net;
using System.Net.Http.Headers;
using AdminPortal.Features.Auth;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.SeveralInstances;

/// <summary>
/// What one instance signs or protects, every other instance on the database accepts: API tokens,
/// the sign-in cookie and antiforgery tokens; and tokens outlive a restart.
/// </summary>
[TestClass]
public sealed class SharedKeysAcrossInstancesTests
{
    [TestMethod]
    public async Task A_token_issued_by_one_instance_is_accepted_by_another_and_after_a_restart()
    {
        // A owns the database file; B is the instance that stops and starts again.
        await using var a = new PortalFactory();
        var b = SharingDatabaseOf(a);
        var token = await b.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        var onA = await GetWithTokenAsync(a, token);
        await b.DisposeAsync();
        await using var restarted = SharingDatabaseOf(a);
        var afterRestart = await GetWithTokenAsync(restarted, token);

        Assert.AreEqual(HttpStatusCode.OK, onA);
        Assert.AreEqual(HttpStatusCode.OK, afterRestart);
    }

    [TestMethod]
    public async Task A_sign_in_cookie_and_an_antiforgery_token_of_one_instance_are_accepted_by_another()
    {
        await using var a = new PortalFactory();
        await using var b = SharingDatabaseOf(a);
        using var onA = a.CreateRawClient();

        // The form and its antiforgery cookie from A, posted to B: B signs in.
        using var form = await onA.GetAsync(AuthFeature.SignInPath);
        using var signIn = await PortalFactory.PostSignInFormAsync(b.CreateRawClient(), form, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var dashboard = new HttpRequestMessage(HttpMethod.Get, "/");
        dashboard.Headers.Add("Cookie", cookie);
        using var page = await onA.SendAsync(dashboard);

        Assert.AreEqual(HttpStatusCode.Redirect, signIn.StatusCode, "B accepted A's antiforgery token and signed in");
        Assert.AreEqual("/", signIn.Headers.Location?.AbsolutePath);
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode, "A accepts the cookie B issued");
        StringAssert.Contains(await page.Content.ReadAsStringAsync(), "<h1");
    }

    [TestMethod]
    public async Task The_generated_signing_key_is_kept_once_in_the_database_protected_and_the_ring_with_it()
    {
        await using var a = new PortalFactory();
        await using var b = SharingDatabaseOf(a);
        _ = b.Services;

        var key = Convert.ToBase64String(a.Services.GetRequiredService<TokenSigningKey>().Key.Key);
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminPortal.Data.AppDbContext>();
        var stored = await db.SigningKeys.AsNoTracking().ToListAsync();

        Assert.HasCount(1, stored, "the second instance read the first one's key");
        Assert.AreEqual(key, Convert.ToBase64String(b.Services.GetRequiredService<TokenSigningKey>().Key.Key));
        Assert.IsFalse(stored[0].ProtectedKey.Contains(key, StringComparison.Ordinal), "the key is stored protected, never as itself");
        Assert.IsGreaterThanOrEqualTo(1, await db.DataProtectionKeys.CountAsync(), "the Data Protection key ring is in the database");
    }

    [TestMethod]
    public async Task A_configured_signing_key_wins_and_nothing_is_stored()
    {
        var configured = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        await using var portal = new PortalFactory().With("Auth:TokenSigningKey", configured);

        var key = Convert.ToBase64String(portal.Services.GetRequiredService<TokenSigningKey>().Key.Key);
        await using var scope = portal.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AdminPortal.Data.AppDbContext>().SigningKeys.CountAsync();

        Assert.AreEqual(configured, key);
        Assert.AreEqual(0, stored);
    }

    private static PortalFactory SharingDatabaseOf(PortalFactory other) =>
        new PortalFactory().With("ConnectionStrings:Default", $"Data Source={other.DatabasePath}");

    private static async Task<HttpStatusCode> GetWithTokenAsync(PortalFactory portal, string token)
    {
        using var client = portal.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/users");
        return response.StatusCode;
    }
}
