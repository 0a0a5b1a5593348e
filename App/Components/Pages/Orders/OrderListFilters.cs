using System.Globalization;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.Components.Pages.Orders;

/// <summary>
/// The orders grid's filters, sort and paging as they live in the query string, so a filtered view
/// can be bookmarked and shared. Reading the address never fails: a value that cannot be read at
/// all (a status no order has, a date that is not a date) is ignored and named in
/// <see cref="Ignored"/>; a value that can be read but breaks a rule (page 0, an unknown sort,
/// from after to) goes to <see cref="OrdersService"/>, whose validation message the page shows.
/// </summary>
public sealed record OrderListFilters(
    OrderStatus? Status,
    int? UserId,
    DateOnly? From,
    DateOnly? To,
    string? Sort,
    int? Page,
    int? PageSize,
    string? Customer = null)
{
    /// <summary>The format of the <c>from</c> and <c>to</c> parameters (what a date input gives).</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Query parameters that were present but could not be read, and were therefore ignored.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>The sort in effect: the requested one, or the default.</summary>
    public string EffectiveSort => string.IsNullOrWhiteSpace(Sort) ? OrderQuery.DefaultSort.ToString() : Sort;

    /// <summary>
    /// Reads the query-string values. Dates are whole UTC days: <c>from</c> starts at midnight,
    /// <c>to</c> includes its whole day.
    /// </summary>
    public static OrderListFilters Parse(string? status, string? userId, string? from, string? to, string? sort, string? page, string? pageSize, string? customer)
    {
        var ignored = new List<string>();
        return new OrderListFilters(
            Read(status, "status", ignored, ApiQuery.ParseEnum<OrderStatus>),
            Read<int>(userId, "userId", ignored, s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null),
            Read(from, "from", ignored, ParseDate),
            Read(to, "to", ignored, ParseDate),
            string.IsNullOrWhiteSpace(sort) ? null : sort.Trim(),
            Read(page, "page", ignored, ParseInt),
            Read(pageSize, "pageSize", ignored, ParseInt),
            // Any text is a prefix; one too long is the service's to refuse, with its message.
            string.IsNullOrWhiteSpace(customer) ? null : customer.Trim())
        {
            Ignored = ignored,
        };
    }

    /// <summary>The service query for this view.</summary>
    public OrderQuery ToQuery() => new(Status, UserId, StartOf(From), EndOf(To), Sort, Page, PageSize, Customer);

    /// <summary>
    /// The CSV download of exactly these rows: the same filters and sort, no paging. The dates go
    /// as exact UTC instants (start of the from day, last tick of the to day), so the export
    /// selects the same rows as the grid whatever way the endpoint reads a timestamp.
    /// </summary>
    public string ExportUrl
    {
        get
        {
            var query = new List<KeyValuePair<string, string?>>();
            Add(query, "status", Status is { } status ? ToQueryValue(status) : null);
            Add(query, "userId", UserId?.ToString(CultureInfo.InvariantCulture));
            Add(query, "customer", Customer);
            Add(query, "from", StartOf(From)?.ToString("O", CultureInfo.InvariantCulture));
            Add(query, "to", EndOf(To)?.ToString("O", CultureInfo.InvariantCulture));
            Add(query, "sort", EffectiveSort);
            // Relative, like every link of the portal: the download is served at the app's base (cookie-authenticated).
            return QueryHelpers.AddQueryString(OrdersApi.PortalExportPath.TrimStart('/'), query);
        }
    }

    /// <summary>A status as the query string and the API spell it.</summary>
    public static string ToQueryValue(OrderStatus status) => ApiJson.Name(status);

    /// <summary>A date as the query string and a date input spell it.</summary>
    public static string? ToQueryValue(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateTime? StartOf(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static DateTime? EndOf(DateOnly? day) => day?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);

    private static T? Read<T>(string? value, string name, List<string> ignored, Func<string, T?> parse)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parsed = parse(value.Trim());
        if (parsed is null)
        {
            ignored.Add(name);
        }

        return parsed;
    }

    private static DateOnly? ParseDate(string value) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static int? ParseInt(string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static void Add(List<KeyValuePair<string, string?>> query, string key, string? value)
    {
        if (value is not null)
        {
            query.Add(new(key, value));
        }
    }
}
