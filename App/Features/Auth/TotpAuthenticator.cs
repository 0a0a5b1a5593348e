using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace AdminPortal.Features.Auth;

/// <summary>
/// The authenticator-app codes of two-factor sign-in (RFC 6238: 6 digits, 30-second steps,
/// HMAC-SHA1 over the Base32 key Identity keeps for the member). Identity's own provider reads the
/// system clock and accepts a code again and again within its window; this one takes the time from
/// <see cref="TimeProvider"/> and accepts each step once: the step of the last accepted code is
/// kept with the member, and a code of that step or an earlier one is refused (a replay).
/// A code of the step before or after the current one is accepted, so that a phone's clock a few
/// seconds off, or a code typed as it turns over, still works.
/// </summary>
public sealed class TotpAuthenticator(TimeProvider time) : IUserTwoFactorTokenProvider<StaffUser>
{
    private const string Store = "AdminPortal";
    private const string LastStep = "LastAuthenticatorStep";

    public const int Digits = 6;
    public const int StepSeconds = 30;

    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) =>
        throw new NotSupportedException("Authenticator codes come from the member's app, never from the portal.");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        var code = Normalize(token);
        if (code.Length != Digits || !code.All(char.IsAsciiDigit) || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key), StepSeconds, OtpHashMode.Sha1, Digits);
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, Store, LastStep);
        if (long.TryParse(last, System.Globalization.CultureInfo.InvariantCulture, out var used) && step <= used)
        {
            return false;
        }

        await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        await manager.GetTwoFactorEnabledAsync(user) && await manager.GetAuthenticatorKeyAsync(user) is { Length: > 0 };

    /// <summary>A code as people type it: spaces and dashes left out.</summary>
    public static string Normalize(string? code) => new((code ?? "").Where(c => c is not (' ' or '-')).ToArray());
}
