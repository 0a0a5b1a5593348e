using System.Security.Claims;
using AdminPortal.Data;
using AdminPortal.Features.Audit;
using AdminPortal.Features.Common;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace AdminPortal.Features.Auth;

/// <summary>What a member needs to add the portal to an authenticator app: the key, as text and as a QR code.</summary>
public sealed record AuthenticatorSetup(string Key, string OtpAuthUri, string QrCodeSvg)
{
    /// <summary>The key in groups of four, as it is easier to type.</summary>
    public string FormattedKey => string.Join(' ', Key.Chunk(4).Select(c => new string(c)));
}

/// <summary>
/// A staff member's own enrolment of an authenticator app (the <c>/account/mfa</c> page): the key
/// Identity keeps for them, confirmation with a first code, and ten single-use recovery codes,
/// handed out once. Runs in the member's own request (the page is served statically), so that the
/// sign-in cookie can be renewed as the security stamp changes.
/// </summary>
public sealed class MfaEnrolment(
    UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AppDbContext db, TimeProvider time, IChangeNotifier changes)
{
    public const string Issuer = "Order Admin Portal";
    public const int RecoveryCodes = 10;

    public async Task<bool> IsEnrolledAsync(ClaimsPrincipal member) =>
        await users.GetUserAsync(member) is { } staff && await users.GetTwoFactorEnabledAsync(staff);

    /// <summary>The member's key (made on first use), its <c>otpauth://</c> address and that address as an SVG QR code.</summary>
    public async Task<AuthenticatorSetup> SetupAsync(ClaimsPrincipal member)
    {
        var staff = await MemberAsync(member);
        var key = await users.GetAuthenticatorKeyAsync(staff);
        if (string.IsNullOrEmpty(key))
        {
            // A new key renews the security stamp: tokens issued before it end on every instance;
            // renew this sign-in's cookie with it.
            await users.ResetAuthenticatorKeyAsync(staff);
            changes.Publish(ChangeEvent.StaffChanged);
            key = await users.GetAuthenticatorKeyAsync(staff);
            await signIn.RefreshSignInAsync(staff);
        }

        var label = Uri.EscapeDataString($"{Issuer}:{staff.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits={TotpAuthenticator.Digits}&period={TotpAuthenticator.StepSeconds}";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(qr).GetGraphic(4);
        return new AuthenticatorSetup(key!, uri, svg);
    }

    /// <summary>
    /// Turns two-factor sign-in on when <paramref name="code"/> is the app's current code, and
    /// answers the recovery codes, the only time they are shown; null when the code is wrong.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(ClaimsPrincipal member, string code)
    {
        var staff = await MemberAsync(member);
        if (!await users.VerifyTwoFactorTokenAsync(staff, users.Options.Tokens.AuthenticatorTokenProvider, TotpAuthenticator.Normalize(code)))
        {
            return null;
        }

        var codes = await db.InTransactionAsync(async ct =>
        {
            // The stores work on this request's context: cleared by the transaction, so read again.
            var current = await users.FindByIdAsync(staff.Id) ?? throw new InvalidOperationException("The member went away.");
            await users.SetTwoFactorEnabledAsync(current, true);
            var recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync(current, RecoveryCodes))!.ToList();
            AuditTrail.Add(db, time.GetUtcNow().UtcDateTime, current.Email!, AuditActions.MfaEnrolled, AuditEntities.Auth, null,
                AuditChanges.None.Set("mfaEnabled", false, true));
            await db.SaveChangesAsync(ct);
            return recovery;
        }, CancellationToken.None);

        // The stamp changed: earlier tokens end, and a renewed cookie keeps this sign-in, now with the enrolment in it.
        changes.Publish(ChangeEvent.StaffChanged);
        await signIn.RefreshSignInAsync((await users.FindByIdAsync(staff.Id))!);
        return codes;
    }

    private async Task<StaffUser> MemberAsync(ClaimsPrincipal member) =>
        await users.GetUserAsync(member) ?? throw new InvalidOperationException("Only a signed-in member enrols.");
}
