using Microsoft.AspNetCore.Authorization;

namespace AdminPortal.Features.Staff;

/// <summary>The three staff roles (docs/contract.md §6), the policies built on them, and the write rule of API routes.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Agent = "Agent";
    public const string Viewer = "Viewer";

    /// <summary>Admin and Agent may change users and orders; a Viewer only reads.</summary>
    public const string CanWrite = "CanWrite";

    /// <summary>Only an Admin manages staff accounts.</summary>
    public const string CanManageStaff = "CanManageStaff";

    public static IReadOnlyList<string> All { get; } = [Admin, Agent, Viewer];

    /// <summary>The role policies; the app and the component tests register the same ones.</summary>
    public static AuthorizationBuilder AddStaffPolicies(this AuthorizationBuilder builder) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(CanWrite, p => p.RequireRole(Admin, Agent))
        .AddPolicy(CanManageStaff, p => p.RequireRole(Admin));

    /// <summary>A route that changes data: Admin and Agent only; a Viewer gets 403 (docs/contract.md §6).</summary>
    public static RouteHandlerBuilder ForWriters(this RouteHandlerBuilder route) => route
        .RequireAuthorization(CanWrite)
        .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>The API's spelling of a role: lower case.</summary>
    public static string ToApi(string role) => role.ToLowerInvariant();

    /// <summary>Reads a role in any case; null when it is not one of the three.</summary>
    public static string? Parse(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
