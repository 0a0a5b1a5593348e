using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace AdminPortal.Components.Pages.Users;

/// <summary>
/// The check every write handler of the users pages makes before calling a service. The services
/// do not know staff roles, and a hidden button (WriteAction) is no protection against a crafted
/// event from the circuit, so the handler asks the real CanWrite policy itself.
/// </summary>
internal static class WriteAccess
{
    public const string Refused = "Your role can view users but not change them.";

    public static async Task<bool> IsAllowedAsync(IAuthorizationService authorization, Task<AuthenticationState>? authenticationState)
    {
        if (authenticationState is null)
        {
            return false;
        }

        var user = (await authenticationState).User;
        return (await authorization.AuthorizeAsync(user, StaffRoles.CanWrite)).Succeeded;
    }

    /// <summary>The signed-in staff member's email, recorded as who created an order.</summary>
    public static async Task<string?> StaffEmailAsync(Task<AuthenticationState>? authenticationState) =>
        authenticationState is null ? null : (await authenticationState).User.Identity?.Name;
}
