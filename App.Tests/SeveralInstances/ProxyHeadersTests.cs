using System.Net;
using System.Net.Http.Json;
using AdminPortal.Features.Auth;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.SeveralInstances;

/// <summary>
/// Behind a TLS-terminating load balancer: its forwarded scheme and client address are believed
/// when it is a configured proxy, and nobody else's are. On Kestrel, where requests come from
/// 127.0.0.1, the "balancer" is loopback.
/// </summary>
[TestClass]
public sealed class ProxyHeadersTests
{
    [TestMethod]
    public async Task From_a_configured_proxy_the_cookies_are_secure_and_each_client_is_limited_on_its_own()
    {
        await using var portal = Portal(proxy: "127.0.0.1");

        var cookie = await SignInCookieAsync(portal, forwardedProto: "https");
        var first = await TokenStatusesAsync(portal, "203.0.113.7", 3);
        var other = await TokenStatusesAsync(portal, "203.0.113.8", 1);

        StringAssert.Contains(cookie, "secure", "the balancer said the client came over https");
        CollectionAssert.AreEqual(new[] { 401, 401, 429 }, first, "the first client used up its own two attempts");
        CollectionAssert.AreEqual(new[] { 401 }, other, "another client behind the same balancer has its own");
    }

    [TestMethod]
    [DataRow("10.9.9.9", DisplayName = "a proxy configured elsewhere")]
    [DataRow(null, DisplayName = "no proxy configured")]
    public async Task Forwarded_headers_from_anyone_else_are_ignored(string? proxy)
    {
        await using var portal = Portal(proxy);

        var cookie = await SignInCookieAsync(portal, forwardedProto: "https");
        var spoofed = await TokenStatusesAsync(portal, "203.0.113.7", 2);
        var otherSpoof = await TokenStatusesAsync(portal, "203.0.113.8", 1);

        Assert.IsFalse(cookie.Contains("secure", StringComparison.OrdinalIgnoreCase), "a spoofed https does not make the cookie Secure: " + cookie);
        // The sign-in took the first of the address's two attempts.
        CollectionAssert.AreEqual(new[] { 401, 429, 429 }, spoofed.Concat(otherSpoof).ToArray(), "a made-up client address buys no new attempts");
    }

    private static PortalFactory Portal(string? proxy)
    {
        var portal = new PortalFactory().With("Auth:SignInAttemptsPerMinute", "2");
        if (proxy is not null)
        {
            portal.With("ForwardedHeaders:KnownProxies:0", proxy);
        }

        return portal.ServeOnKestrel();
    }

    private static async Task<string> SignInCookieAsync(PortalFactory portal, string forwardedProto)
    {
        using var client = portal.CreateRawClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        using var signedIn = await PortalFactory.PostSignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.AreEqual(HttpStatusCode.Redirect, signedIn.StatusCode);
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.auth=", StringComparison.Ordinal));
    }

    private static async Task<int[]> TokenStatusesAsync(PortalFactory portal, string forwardedFor, int attempts)
    {
        using var client = portal.CreateRawClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var statuses = new List<int>();
        for (var i = 0; i < attempts; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth/token", new TokenRequest(PortalFactory.AdminEmail, "Wrong-Pass-1!"));
            statuses.Add((int)response.StatusCode);
        }

        return [.. statuses];
    }
}
