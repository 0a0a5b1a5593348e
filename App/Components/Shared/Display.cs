using System.Globalization;
using AdminPortal.Features.Common;

namespace AdminPortal.Components.Shared;

/// <summary>
/// How every page writes money, timestamps and names of statuses and kinds, in the invariant
/// culture so a page reads the same in any locale. Timestamps are UTC; a column or label says so,
/// or <see cref="UtcLabelled"/> does.
/// </summary>
public static class Display
{
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>An amount with two decimals and thousands separators: 1,234.50.</summary>
    public static string Amount(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>An amount and its currency: 1,234.50 EUR.</summary>
    public static string Money(decimal amount, Currency currency) => $"{Amount(amount)} {currency}";

    public static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A UTC timestamp to the second: 2026-01-02 09:30:00.</summary>
    public static string Utc(DateTime at) => ApiJson.Utc(at).ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>A UTC timestamp that says it is UTC, where no label does: 2026-01-02 09:30:00 UTC.</summary>
    public static string UtcLabelled(DateTime at) => $"{Utc(at)} UTC";

    /// <summary>A timestamp for machines (a <c>time</c> element's <c>datetime</c>): ISO 8601 UTC.</summary>
    public static string Iso(DateTime at) => ApiJson.Utc(at).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A status or kind as sentences and tables name it, the API's spelling: "processing", "charge".</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => ApiJson.Name(value);
}
