using System.Security.Claims;
using AdminPortal.Data;
using AdminPortal.Features.Audit;
using AdminPortal.Features.Common;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Auth;

/// <summary>Checks staff credentials for the sign-in page and the token endpoint.</summary>
public interface IStaffSignIn
{
    /// <summary>Signs in with the auth cookie.</summary>
    Task<SignInOutcome> SignInAsync(string email, string password);

    /// <summary>
    /// The second step of a sign-in whose password was right (<see cref="SignInOutcome.CodeRequired"/>):
    /// the authenticator's current code, or an unused recovery code; signs in with the cookie.
    /// </summary>
    Task<SignInOutcome> SignInWithCodeAsync(string code);

    /// <summary>
    /// Checks credentials without a cookie (for API tokens), the code too when the member has
    /// enrolled an authenticator; the staff member on success.
    /// </summary>
    Task<(SignInOutcome Outcome, StaffUser? Staff)> CheckAsync(string email, string password, string? code = null);

    Task SignOutAsync();

    /// <summary>Changes the signed-in member's password and renews their cookie; the error messages, if any.</summary>
    Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal user, string currentPassword, string newPassword);
}

/// <summary>
/// Identity does the checking and the lock-out. Unknown emails get the same treatment from a counter
/// in the database, so the answers never reveal whether an account exists, on any instance. A
/// disabled account answers like a wrong password.
/// </summary>
public sealed class StaffSignInService(
    SignInManager<StaffUser> signIn,
    UnknownAccountLockout unknownAccounts,
    IDbContextFactory<AppDbContext> contexts,
    TimeProvider time,
    IChangeNotifier changes) : IStaffSignIn
{
    public async Task<SignInOutcome> SignInAsync(string email, string password)
    {
        var staff = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (staff is null)
        {
            return await AuditedAsync(email, await unknownAccounts.RecordFailureAsync(email));
        }

        // With an authenticator enrolled, Identity keeps who passed the password in a cookie of its
        // own until the code comes (SignInWithCodeAsync); nothing is decided, or audited, yet.
        var result = await signIn.PasswordSignInAsync(staff, password, isPersistent: false, lockoutOnFailure: true);
        return await AuditedAsync(email, result.RequiresTwoFactor ? SignInOutcome.CodeRequired : Outcome(result));
    }

    public async Task<SignInOutcome> SignInWithCodeAsync(string code)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } staff)
        {
            return SignInOutcome.SignInAgain;
        }

        var (outcome, audited) = await CheckCodeAsync(staff, code);
        if (outcome == SignInOutcome.Succeeded)
        {
            await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await signIn.SignInAsync(staff, isPersistent: false, authenticationMethod: "mfa");
        }

        return await AuditedAsync(staff.Email!, outcome, audited);
    }

    public async Task<(SignInOutcome Outcome, StaffUser? Staff)> CheckAsync(string email, string password, string? code = null)
    {
        var staff = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (staff is null)
        {
            return (await AuditedAsync(email, await unknownAccounts.RecordFailureAsync(email)), null);
        }

        var outcome = Outcome(await signIn.CheckPasswordSignInAsync(staff, password, lockoutOnFailure: true));
        AuditChanges? audited = null;
        if (outcome == SignInOutcome.Succeeded && await signIn.UserManager.GetTwoFactorEnabledAsync(staff))
        {
            (outcome, audited) = string.IsNullOrWhiteSpace(code) ? (SignInOutcome.CodeRequired, null) : await CheckCodeAsync(staff, code);
        }

        outcome = await AuditedAsync(email, outcome, audited);
        return (outcome, outcome == SignInOutcome.Succeeded ? staff : null);
    }

    /// <summary>
    /// The authenticator's code (six digits, each step once) or an unused recovery code (used up
    /// by this). A wrong one counts towards the lock-out like a wrong password.
    /// </summary>
    private async Task<(SignInOutcome Outcome, AuditChanges? Audited)> CheckCodeAsync(StaffUser staff, string code)
    {
        var users = signIn.UserManager;
        if (await users.IsLockedOutAsync(staff))
        {
            return (SignInOutcome.LockedOut, null);
        }

        var typed = TotpAuthenticator.Normalize(code);
        AuditChanges? audited = null;
        bool valid;
        if (typed.Length == TotpAuthenticator.Digits && typed.All(char.IsAsciiDigit))
        {
            valid = await users.VerifyTwoFactorTokenAsync(staff, users.Options.Tokens.AuthenticatorTokenProvider, typed);
        }
        else
        {
            var left = await users.CountRecoveryCodesAsync(staff);
            valid = (await users.RedeemTwoFactorRecoveryCodeAsync(staff, code.Trim())).Succeeded;
            // Which code was used stays secret; that one was, is what the trail shows.
            audited = valid ? AuditChanges.None.Set("recoveryCodesLeft", left, left - 1) : null;
        }

        if (valid)
        {
            await users.ResetAccessFailedCountAsync(staff);
            return (SignInOutcome.Succeeded, audited);
        }

        await users.AccessFailedAsync(staff);
        return (await users.IsLockedOutAsync(staff) ? SignInOutcome.LockedOut : SignInOutcome.Failed, null);
    }

    /// <summary>
    /// Every outcome of a sign-in, through the form and the token route alike, is an audit entry
    /// naming the email that was tried; a second step still to come is not an outcome yet.
    /// </summary>
    private async Task<SignInOutcome> AuditedAsync(string email, SignInOutcome outcome, AuditChanges? audited = null)
    {
        var action = outcome switch
        {
            SignInOutcome.Succeeded => AuditActions.SignedIn,
            SignInOutcome.LockedOut => AuditActions.LockedOut,
            SignInOutcome.Failed => AuditActions.SignInFailed,
            _ => null,
        };
        if (action is not null)
        {
            await using var db = await contexts.CreateDbContextAsync();
            AuditTrail.Add(db, time.GetUtcNow().UtcDateTime, email, action, AuditEntities.Auth, null, audited ?? AuditChanges.None);
            await db.SaveChangesAsync();
            changes.Publish(new ChangeEvent(ChangedEntity.SignIn, 0));
        }

        return outcome;
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

        // The password change renewed the security stamp: tokens issued before it end on every
        // instance, and a fresh cookie keeps this session signed in.
        changes.Publish(ChangeEvent.StaffChanged);
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

/// <summary>
/// Counts failed sign-ins for emails that have no account, with Identity's lock-out rules, in the
/// database: every instance counts into one row per email, each step a single conditional
/// statement, so failures made on two instances at once are all counted.
/// </summary>
public sealed class UnknownAccountLockout(IDbContextFactory<AppDbContext> contexts, IOptions<IdentityOptions> identity, TimeProvider time)
{
    // Long enough to outlast any lock-out; rows older than this are removed as new ones come.
    private static readonly TimeSpan Forgotten = TimeSpan.FromDays(1);

    public async Task<SignInOutcome> RecordFailureAsync(string email, CancellationToken cancellationToken = default)
    {
        var key = email.Trim().ToUpperInvariant();
        var now = time.GetUtcNow().UtcDateTime;
        var lockout = identity.Value.Lockout;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var failures = db.UnknownAccountFailures.Where(f => f.Email == key);

        // Counted unless a lock-out is in force; after one has run out, counting starts again.
        var counted = await failures.Where(f => f.LockedUntil == null || f.LockedUntil <= now)
            .ExecuteUpdateAsync(f => f
                .SetProperty(x => x.Failures, x => x.LockedUntil == null ? x.Failures + 1 : 1)
                .SetProperty(x => x.LockedUntil, (DateTime?)null)
                .SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (counted == 0 && !await InsertFirstAsync(db, key, now, cancellationToken))
        {
            // The row was there after all: locked, or just made by a failure on another instance.
            return await failures.AnyAsync(f => f.LockedUntil > now, cancellationToken)
                ? SignInOutcome.LockedOut
                : await RecordFailureAsync(email, cancellationToken);
        }

        if (await failures.Select(f => f.Failures).FirstAsync(cancellationToken) < lockout.MaxFailedAccessAttempts)
        {
            return SignInOutcome.Failed;
        }

        await failures.Where(f => f.LockedUntil == null)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.Failures, 0).SetProperty(x => x.LockedUntil, now + lockout.DefaultLockoutTimeSpan), cancellationToken);
        return SignInOutcome.LockedOut;
    }

    private static async Task<bool> InsertFirstAsync(AppDbContext db, string key, DateTime now, CancellationToken cancellationToken)
    {
        db.UnknownAccountFailures.Add(new UnknownAccountFailure { Email = key, Failures = 1, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }

        // Made-up emails cannot fill the table: what nobody tried for a day goes.
        await db.UnknownAccountFailures.Where(f => f.UpdatedAt < now - Forgotten).ExecuteDeleteAsync(cancellationToken);
        return true;
    }
}
