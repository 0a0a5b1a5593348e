using System.Security.Claims;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Auth;

/// <summary>
/// A Blazor circuit outlives the request that signed it in; every minute this checks that the
/// staff member still exists, is enabled and has the same security stamp, and signs the circuit
/// out when not (a disabled member's open pages stop working).
/// </summary>
internal sealed class StaffRevalidatingStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        try
        {
            return await IsStillValidAsync(users, authenticationState.User);
        }
        catch (Exception e) when (Data.DbErrors.IsUnavailable(e))
        {
            // The base class stops revalidating a circuit for good after an exception, so a member
            // disabled after a database blip would keep their open pages. Keep the state for now
            // and check again at the next interval, when the database may be back.
            return true;
        }
    }

    private async Task<bool> IsStillValidAsync(UserManager<StaffUser> users, ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is not { Disabled: false } staff)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return string.Equals(stamp, await users.GetSecurityStampAsync(staff), StringComparison.Ordinal);
    }
}
