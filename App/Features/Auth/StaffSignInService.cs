using System.Security.Claims;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Auth;

/// <summary>Checks staff credentials for the sign-in page and the token endpoint.</summary>
public interface IStaffSignIn
{
    /// <summary>Signs in with the auth cookie.</summary>
    Task<SignInOutcome> SignInAsync(string email, string password);

    /// <summary>Checks credentials without a cookie (for API tokens); the staff member on success.</summary>
    Task<(SignInOutcome Outcome, StaffUser? Staff)> CheckAsync(string email, string password);

    Task SignOutAsync();

    /// <summary>Changes the signed-in member's password and renews their cookie; the error messages, if any.</summary>
    Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal user, string currentPassword, string newPassword);
}

/// <summary>
/// Identity does the checking and the lock-out. Unknown emails get the same treatment from a small
/// in-memory counter, so the answers never reveal whether an account exists. A disabled account
/// answers like a wrong password.
/// </summary>
public sealed class StaffSignInService(
    SignInManager<StaffUser> signIn,
    UnknownAccountLockout unknownAccounts) : IStaffSignIn
{
    public async Task<SignInOutcome> SignInAsync(string email, string password)
    {
        var staff = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (staff is null)
        {
            return unknownAccounts.RecordFailure(email);
        }

        var result = await signIn.PasswordSignInAsync(staff, password, isPersistent: false, lockoutOnFailure: true);
        return Outcome(result);
    }

    public async Task<(SignInOutcome Outcome, StaffUser? Staff)> CheckAsync(string email, string password)
    {
        var staff = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (staff is null)
        {
            return (unknownAccounts.RecordFailure(email), null);
        }

        var result = await signIn.CheckPasswordSignInAsync(staff, password, lockoutOnFailure: true);
        var outcome = Outcome(result);
        return (outcome, outcome == SignInOutcome.Succeeded ? staff : null);
    }

    public Task SignOutAsync() => signIn.SignOutAsync();

    public async Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal user, string currentPassword, string newPassword)
    {
        if (await signIn.UserManager.GetUserAsync(user) is not { } staff)
        {
            return ["Your account was not found. Sign in again."];
        }

        var result = await signIn.UserManager.ChangePasswordAsync(staff, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => e.Code == "PasswordMismatch" ? "The current password is not correct." : e.Description).ToList();
        }

        // The password change renewed the security stamp; a fresh cookie keeps this session signed in.
        await signIn.RefreshSignInAsync(staff);
        return [];
    }

    private static SignInOutcome Outcome(SignInResult result) => result switch
    {
        { Succeeded: true } => SignInOutcome.Succeeded,
        { IsLockedOut: true } => SignInOutcome.LockedOut,
        _ => SignInOutcome.Failed,
    };
}

/// <summary>Counts failed sign-ins for emails that have no account, with Identity's lock-out rules.</summary>
public sealed class UnknownAccountLockout(IOptions<IdentityOptions> identity, TimeProvider time)
{
    // Bounded, so a flood of made-up emails cannot grow memory without limit.
    private const int MaxTracked = 10_000;
    private readonly Dictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _accounts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public SignInOutcome RecordFailure(string email)
    {
        var key = email.Trim().ToUpperInvariant();
        var now = time.GetUtcNow();
        var lockout = identity.Value.Lockout;
        lock (_gate)
        {
            var (failures, lockedUntil) = _accounts.GetValueOrDefault(key);
            if (lockedUntil > now)
            {
                return SignInOutcome.LockedOut;
            }

            if (_accounts.Count >= MaxTracked)
            {
                _accounts.Clear();
            }

            // After a lock-out has run out, counting starts again.
            failures = lockedUntil is null ? failures + 1 : 1;
            if (failures >= lockout.MaxFailedAccessAttempts)
            {
                _accounts[key] = (0, now + lockout.DefaultLockoutTimeSpan);
                return SignInOutcome.LockedOut;
            }

            _accounts[key] = (failures, null);
            return SignInOutcome.Failed;
        }
    }
}
