using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace AdminPortal.Components.Shared;

/// <summary>
/// The check every write of every page makes before calling a service (through
/// <see cref="PageAction"/>): the services know no staff roles, and a hidden button (WriteAction)
/// is no protection against a crafted event from the circuit, so the handler asks the real policy
/// itself. One instance per kind of record a page changes, each with what staff are told when
/// their role may not.
/// </summary>
public sealed record WriteAccess(string Policy, string Refused)
{
    public static WriteAccess Users { get; } = new(StaffRoles.CanWrite, "Your role can view users but not change them.");

    public static WriteAccess Orders { get; } = new(StaffRoles.CanWrite, "Your role may only view orders; nothing was changed.");

    public static WriteAccess Staff { get; } = new(StaffRoles.CanManageStaff, "Only an Admin can change staff accounts; nothing was changed.");

    public async Task<bool> IsAllowedAsync(IAuthorizationService authorization, Task<AuthenticationState>? authenticationState)
    {
        if (authenticationState is null)
        {
            return false;
        }

        var user = (await authenticationState).User;
        return (await authorization.AuthorizeAsync(user, Policy)).Succeeded;
    }

    /// <summary>The signed-in staff member's email, recorded as who made a change.</summary>
    public static async Task<string?> StaffEmailAsync(Task<AuthenticationState>? authenticationState) =>
        authenticationState is null ? null : (await authenticationState).User.Identity?.Name;
}
