using AdminPortal.Features.Auth;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Features.Auth;

[TestClass]
public sealed class SecurityHeaderTests
{
    [TestMethod]
    [DataRow(AuthFeature.SignInPath)]
    [DataRow("/")]
    [DataRow("/health")]
    [DataRow("/app.css")]
    [DataRow("/api/staff")]
    [DataRow("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        StringAssert.Contains(csp, "default-src 'self'");
        StringAssert.Contains(csp, "script-src 'self'");
        StringAssert.Contains(csp, "frame-ancestors 'none'");
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.AreEqual("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.AreEqual("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.AreEqual("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [TestMethod]
    public async Task The_sign_in_page_needs_no_inline_script()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        var html = await client.GetStringAsync(AuthFeature.SignInPath);

        // script-src 'self' blocks inline scripts, so every script must come from a file.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?<attributes>[^>]*)>");
        Assert.IsNotEmpty(scripts);
        foreach (System.Text.RegularExpressions.Match script in scripts)
        {
            StringAssert.Contains(script.Groups["attributes"].Value, "src=");
        }
    }
}
