using AdminPortal.Data;
using AdminPortal.Features.Audit;
using AdminPortal.Features.Common;
using AdminPortal.Features.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Staff;

/// <summary>
/// Staff accounts: list, create, change role, disable and enable. Each operation runs in its own
/// DI scope, so Identity's stores get a fresh DbContext even when a long-lived Blazor circuit calls.
/// </summary>
public sealed class StaffService(IServiceScopeFactory scopes, TimeProvider time, IChangeNotifier changes)
{
    public const string LastAdmin = "There must always be at least one active Admin: make another staff member Admin first.";
    public const string RoleUnknown = "Role must be one of admin, agent, viewer.";
    public const string EmailTaken = "A staff member with this email already exists.";

    public async Task<IReadOnlyList<StaffDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await QueryStaff(db, db.Staff).ToListAsync(cancellationToken);
    }

    public async Task<StaffDto> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await QueryStaff(db, db.Staff.Where(s => s.Id == id)).FirstOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException("Staff member", id);
    }

    /// <summary>Creates a staff account; <paramref name="actor"/> is who creates it (the audit trail names them).</summary>
    public async Task<StaffDto> CreateAsync(NewStaff request, string actor, CancellationToken cancellationToken = default)
    {
        var role = StaffRoles.Parse(request.Role);
        var errors = new ValidationErrors()
            .Add("email", UserRules.ValidateEmail(request.Email))
            .Add("password", string.IsNullOrEmpty(request.Password) ? "Password is required." : null)
            .Add("role", role is null ? RoleUnknown : null);
        errors.ThrowIfAny();

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var email = UserRules.NormalizeEmail(request.Email!);
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new ConflictException(EmailTaken, "email");
        }

        // The account, its role and the audit entry commit together.
        var dto = await db.InTransactionAsync(async ct =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var staff = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = now };
            var created = await users.CreateAsync(staff, request.Password!);
            if (!created.Succeeded)
            {
                throw PasswordOrIdentityError(created);
            }

            await users.AddToRoleAsync(staff, role!);
            AuditTrail.Add(db, now, actor, AuditActions.StaffCreated, AuditEntities.Staff, staff.Id,
                AuditChanges.None.Set("email", null, email).Set("role", null, StaffRoles.ToApi(role!)));
            await db.SaveChangesAsync(ct);
            return new StaffDto(staff.Id, email, role!, false, staff.CreatedAt);
        }, cancellationToken);
        changes.Publish(ChangeEvent.StaffChanged);
        return dto;
    }

    /// <summary>Changes the role and/or the disabled state. Disabling ends the member's sessions and tokens.</summary>
    public async Task<StaffDto> UpdateAsync(string id, StaffChange change, string actor, CancellationToken cancellationToken = default)
    {
        var role = change.Role is null ? null : StaffRoles.Parse(change.Role);
        if (change.Role is not null && role is null)
        {
            throw ValidationFailedException.For("role", RoleUnknown);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        // The check and the change are one transaction that first writes the Admin role's row: every
        // change that might remove an Admin, on any instance, waits for the one before it, so two
        // Admins demoting each other at once cannot leave none. SQL Server's retrying strategy runs
        // the whole transaction again after a transient failure.
        var updated = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Roles.Where(r => r.Name == StaffRoles.Admin)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.ConcurrencyStamp, x => x.ConcurrencyStamp), ct);

            var staff = await users.FindByIdAsync(id) ?? throw new NotFoundException("Staff member", id);
            var currentRole = (await users.GetRolesAsync(staff)).FirstOrDefault() ?? StaffRoles.Viewer;
            var newRole = role ?? currentRole;
            var disabled = change.Disabled ?? staff.Disabled;

            var wasActiveAdmin = currentRole == StaffRoles.Admin && !staff.Disabled;
            var staysActiveAdmin = newRole == StaffRoles.Admin && !disabled;
            if (wasActiveAdmin && !staysActiveAdmin && await CountActiveAdminsAsync(db, ct) <= 1)
            {
                throw new ConflictException(LastAdmin);
            }

            if (newRole != currentRole)
            {
                await users.RemoveFromRoleAsync(staff, currentRole);
                await users.AddToRoleAsync(staff, newRole);
            }

            var now = time.GetUtcNow().UtcDateTime;
            if (newRole != currentRole)
            {
                AuditTrail.Add(db, now, actor, AuditActions.StaffRoleChanged, AuditEntities.Staff, staff.Id,
                    AuditChanges.None.Set("role", StaffRoles.ToApi(currentRole), StaffRoles.ToApi(newRole)));
            }

            if (disabled != staff.Disabled)
            {
                AuditTrail.Add(db, now, actor, disabled ? AuditActions.StaffDisabled : AuditActions.StaffEnabled, AuditEntities.Staff, staff.Id,
                    AuditChanges.None.Set("disabled", staff.Disabled, disabled));
            }

            if (disabled != staff.Disabled || newRole != currentRole)
            {
                staff.Disabled = disabled;
                await users.UpdateAsync(staff);
                // A new stamp invalidates every cookie and token issued before this change.
                await users.UpdateSecurityStampAsync(staff);
            }

            await transaction.CommitAsync(ct);
            return new StaffDto(staff.Id, staff.Email!, newRole, staff.Disabled, staff.CreatedAt, staff.TwoFactorEnabled);
        }, cancellationToken);
        changes.Publish(ChangeEvent.StaffChanged);
        return updated;
    }

    /// <summary>
    /// Turns a member's two-factor sign-in off (a lost phone): their authenticator key and recovery
    /// codes are replaced and every session and token of theirs ends; they enrol again when they
    /// next sign in. <paramref name="actor"/> is the Admin who resets it.
    /// </summary>
    public async Task<StaffDto> ResetMfaAsync(string id, string actor, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var reset = await db.InTransactionAsync(async ct =>
        {
            var staff = await users.FindByIdAsync(id) ?? throw new NotFoundException("Staff member", id);
            var wasEnabled = staff.TwoFactorEnabled;
            await users.SetTwoFactorEnabledAsync(staff, false);
            await users.ResetAuthenticatorKeyAsync(staff);
            // No codes at all: the ones handed out before stop working.
            await users.GenerateNewTwoFactorRecoveryCodesAsync(staff, 0);
            AuditTrail.Add(db, time.GetUtcNow().UtcDateTime, actor, AuditActions.StaffMfaReset, AuditEntities.Staff, staff.Id,
                wasEnabled ? AuditChanges.None.Set("mfaEnabled", true, false) : AuditChanges.None);
            await db.SaveChangesAsync(ct);
            return await QueryStaff(db, db.Staff.Where(s => s.Id == id)).FirstAsync(ct);
        }, cancellationToken);
        changes.Publish(ChangeEvent.StaffChanged);
        return reset;
    }

    private static async Task<int> CountActiveAdminsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await (from staff in db.Staff
               join assignment in db.UserRoles on staff.Id equals assignment.UserId
               join role in db.Roles on assignment.RoleId equals role.Id
               where role.Name == StaffRoles.Admin && !staff.Disabled
               select staff.Id).CountAsync(cancellationToken);

    // Each member with their one role, by email.
    private static IQueryable<StaffDto> QueryStaff(AppDbContext db, IQueryable<StaffUser> members) =>
        from staff in members.AsNoTracking()
        orderby staff.Email
        let roleName = (from assignment in db.UserRoles
                        join role in db.Roles on assignment.RoleId equals role.Id
                        where assignment.UserId == staff.Id
                        select role.Name).FirstOrDefault()
        select new StaffDto(staff.Id, staff.Email!, roleName ?? StaffRoles.Viewer, staff.Disabled, staff.CreatedAt, staff.TwoFactorEnabled);

    private static ValidationFailedException PasswordOrIdentityError(IdentityResult result)
    {
        var errors = new ValidationErrors();
        foreach (var error in result.Errors)
        {
            errors.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
        }

        return new ValidationFailedException(errors.ToDictionary());
    }
}
