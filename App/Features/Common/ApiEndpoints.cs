namespace AdminPortal.Features.Common;

/// <summary>A page of a list as the API writes it (docs/contract.md §7): <c>{items, page, pageSize, totalCount}</c>.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

public static class ApiPage
{
    public static ApiPage<T> From<T>(Page<T> page) => new(page.Items, page.PageNumber, page.PageSize, page.TotalCount);
}
