namespace AdminPortal.Features.Common;

/// <summary>One page of a list, as pages and the API show it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int PageCount => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>A requested sort: a field of the list and a direction (<c>name</c> or <c>-name</c>).</summary>
public sealed record SortOrder(string Field, bool Descending)
{
    public override string ToString() => Descending ? "-" + Field : Field;
}

/// <summary>
/// The paging and sorting rules every list shares (docs/contract.md §7): <c>page</c> ≥ 1 (default 1),
/// <c>pageSize</c> 1–100 (default 25), <c>sort</c> one of the list's fields, optionally with '-'.
/// </summary>
public static class ListRules
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>Far beyond any real list; keeps the row offset (page − 1) × pageSize within range.</summary>
    public const int MaxPage = 1_000_000;

    public const string PageInvalid = "Page must be a whole number from 1 to 1,000,000.";
    public const string PageSizeInvalid = "Page size must be from 1 to 100.";

    public static string SortInvalid(IEnumerable<string> fields) =>
        $"Sort must be one of {string.Join(", ", fields)}, optionally preceded by '-' for descending.";

    /// <summary>Checks page and page size, adding errors under <c>page</c> and <c>pageSize</c>.</summary>
    public static (int Page, int PageSize) ValidatePaging(int? page, int? pageSize, ValidationErrors errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        errors.Add("page", p is < 1 or > MaxPage ? PageInvalid : null);
        errors.Add("pageSize", size is < 1 or > MaxPageSize ? PageSizeInvalid : null);
        return (p, size);
    }

    /// <summary>Parses <c>sort</c> against the allowed fields (case-insensitive), adding an error under <c>sort</c>.</summary>
    public static SortOrder ValidateSort(string? sort, IReadOnlyList<string> fields, SortOrder fallback, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(sort))
        {
            return fallback;
        }

        var descending = sort.StartsWith('-');
        var name = descending ? sort[1..] : sort;
        var field = fields.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
        if (field is null)
        {
            errors.Add("sort", SortInvalid(fields));
            return fallback;
        }

        return new SortOrder(field, descending);
    }
}
