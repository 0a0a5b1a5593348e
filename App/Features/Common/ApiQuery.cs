using System.Globalization;

namespace AdminPortal.Features.Common;

/// <summary>
/// Reads list query values. The endpoints take them as text and parse them here because the
/// framework's binder answers <c>page=abc</c> or <c>status=paid</c> with a bare 400 that names no
/// parameter; here each unreadable value becomes an error under its parameter's name. Whether a
/// readable value is allowed (page ≥ 1, the sort fields, from ≤ to) is for the services to say.
/// </summary>
public static class ApiQuery
{
    /// <summary>A whole number, or null when absent; <paramref name="message"/> when it is not one.</summary>
    public static int? Int(string? raw, string name, string message, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(name, message);
        return null;
    }

    /// <summary>One of the enum's values as the API spells them (any case), or null when absent.</summary>
    public static TEnum? Enum<TEnum>(string? raw, string name, ValidationErrors errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (ParseEnum<TEnum>(raw) is { } value)
        {
            return value;
        }

        errors.Add(name, $"{Capitalized(name)} must be one of {string.Join(", ", ApiJson.Names(typeof(TEnum)))}.");
        return null;
    }

    /// <summary>
    /// The one reading of an enum in a query string, for the API and the portal's addresses alike:
    /// one of its names as the API spells them (<see cref="ApiJson.Name{TEnum}"/>), in any case;
    /// null when absent or not one of them. (Enum.TryParse would also take "1" or "pending,shipped".)
    /// </summary>
    public static TEnum? ParseEnum<TEnum>(string? raw) where TEnum : struct, Enum
    {
        var text = raw?.Trim();
        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(ApiJson.Name(value), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// An ISO 8601 date or timestamp, as UTC, or null when absent. A value without an offset is
    /// taken as UTC, like every timestamp of the API; a date alone is its midnight UTC.
    /// </summary>
    public static DateTime? Timestamp(string? raw, string name, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        string[] formats =
        [
            "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        ];
        if (DateTimeOffset.TryParseExact(raw.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.UtcDateTime;
        }

        errors.Add(name, $"{Capitalized(name)} must be an ISO 8601 date or timestamp, such as 2026-01-31 or 2026-01-31T12:00:00Z.");
        return null;
    }

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
