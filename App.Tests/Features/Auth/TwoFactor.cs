using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Tests.Infrastructure;
using OtpNet;

namespace AdminPortal.Tests.Features.Auth;

/// <summary>What a staff member's authenticator app and fingers do, for the tests of two-factor sign-in.</summary>
internal static partial class TwoFactor
{
    /// <summary>The code an authenticator app shows at <paramref name="at"/> for <paramref name="key"/> (Base32).</summary>
    public static string Code(string key, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(at.UtcDateTime);

    /// <summary>Enrols the member signed in on <paramref name="browser"/> through /account/mfa: their key and recovery codes.</summary>
    public static async Task<(string Key, string[] RecoveryCodes)> EnrolAsync(HttpClient browser, TimeProvider time)
    {
        using var page = await browser.GetAsync("/account/mfa");
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var key = KeyField().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.AreNotEqual("", key, "the page shows the key as text");

        using var confirmed = await PortalFactory.PostFormAsync(browser, page, "/account/mfa", "mfa-confirm",
            new Dictionary<string, string> { ["Input.Code"] = Code(key, time.GetUtcNow()) });
        var result = await confirmed.Content.ReadAsStringAsync();
        var codes = RecoveryList().Match(result).Groups[1].Value;
        return (key, [.. RecoveryCode().Matches(codes).Select(m => m.Groups[1].Value)]);
    }

    [GeneratedRegex("data-field=\"key\">([A-Z2-7 ]+)<")]
    private static partial Regex KeyField();

    [GeneratedRegex("aria-label=\"Recovery codes\">(.*?)</ul>", RegexOptions.Singleline)]
    private static partial Regex RecoveryList();

    [GeneratedRegex("<li>([^<]+)</li>")]
    private static partial Regex RecoveryCode();
}
