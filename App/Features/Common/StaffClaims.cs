using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AdminPortal.Features.Common;

public static class StaffClaims
{
    /// <summary>
    /// The email of the staff member behind a request, by their token (or cookie): what history,
    /// payment records and the audit trail name as who made a change (docs/contract.md §3).
    /// </summary>
    public static string StaffEmail(this ClaimsPrincipal staff) =>
        staff.FindFirstValue(JwtRegisteredClaimNames.Email) ?? staff.Identity?.Name
        ?? throw new InvalidOperationException("A signed-in staff member without an email reached a write.");
}
