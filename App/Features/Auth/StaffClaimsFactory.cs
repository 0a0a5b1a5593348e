using System.Security.Claims;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Auth;

/// <summary>Identity's claims for a sign-in, and whether the member has enrolled an authenticator (for <c>Auth:RequireMfa</c>).</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    public const string MfaClaim = "mfa";
    public const string Enrolled = "enrolled";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await UserManager.GetTwoFactorEnabledAsync(user))
        {
            identity.AddClaim(new Claim(MfaClaim, Enrolled));
        }

        return identity;
    }

    public static bool IsEnrolled(ClaimsPrincipal principal) => principal.HasClaim(MfaClaim, Enrolled);
}
