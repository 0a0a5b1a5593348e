namespace AdminPortal.Features.Audit;

/// <summary>The audited actions and the entities they are about (docs/contract.md §3).</summary>
public static class AuditActions
{
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserSuspended = "user.suspended";
    public const string UserActivated = "user.activated";
    public const string UserDeleted = "user.deleted";
    public const string OrderCreated = "order.created";
    public const string OrderStatusChanged = "order.status_changed";
    public const string StaffCreated = "staff.created";
    public const string StaffRoleChanged = "staff.role_changed";
    public const string StaffDisabled = "staff.disabled";
    public const string StaffEnabled = "staff.enabled";
    public const string StaffMfaReset = "staff.mfa_reset";
    public const string SignedIn = "auth.signed_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string LockedOut = "auth.locked_out";
    public const string MfaEnrolled = "auth.mfa_enrolled";

    public static IReadOnlyList<string> All { get; } =
    [
        UserCreated, UserUpdated, UserSuspended, UserActivated, UserDeleted, OrderCreated, OrderStatusChanged,
        StaffCreated, StaffRoleChanged, StaffDisabled, StaffEnabled, StaffMfaReset, SignedIn, SignInFailed, LockedOut, MfaEnrolled,
    ];

    public static IReadOnlyList<string> Entities { get; } = [AuditEntities.User, AuditEntities.Order, AuditEntities.Staff, AuditEntities.Auth];
}

public static class AuditEntities
{
    public const string User = "user";
    public const string Order = "order";
    public const string Staff = "staff";
    public const string Auth = "auth";
}

/// <summary>Actors that are not a staff member.</summary>
public static class AuditActors
{
    /// <summary>The portal itself, for what it does with nobody signed in (creating the first Admin on a fresh install).</summary>
    public const string System = "system";
}
