using AdminPortal.Features.Staff;

namespace AdminPortal.Features.Common;

/// <summary>A page of a list as the API writes it (SPEC §7): <c>{items, page, pageSize, totalCount}</c>.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

public static class ApiPage
{
    public static ApiPage<T> From<T>(Page<T> page) => new(page.Items, page.PageNumber, page.PageSize, page.TotalCount);
}

public static class ApiEndpoints
{
    /// <summary>A route that changes data: Admin and Agent only; a Viewer gets 403 (SPEC §6).</summary>
    public static RouteHandlerBuilder ForWriters(this RouteHandlerBuilder route) => route
        .RequireAuthorization(StaffRoles.CanWrite)
        .ProducesProblem(StatusCodes.Status403Forbidden);
}
