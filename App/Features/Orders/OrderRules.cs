using AdminPortal.Features.Common;

namespace AdminPortal.Features.Orders;

/// <summary>
/// The rules for an order's amount and currency, with the messages staff and API clients see.
/// Forms and endpoints both call these; no other copy of them exists.
/// </summary>
public static class OrderRules
{
    public const decimal MaxAmount = 1_000_000m;
    public const int MaxDecimalPlaces = 2;

    public const string AmountRequired = "Amount is required.";
    public const string AmountNotPositive = "Amount must be greater than 0.";
    public const string AmountTooLarge = "Amount must be at most 1,000,000.";
    public const string AmountTooPrecise = "Amount must have at most 2 decimal places.";
    public const string CurrencyUnknown = "Currency must be one of USD, EUR, GBP.";
    public const string UserUnknown = "No user with this id exists.";
    public const string UserSuspended = "The user is suspended and cannot get new orders.";

    public const int ReasonMaxLength = 500;
    public const string ReasonTooLong = "Reason must be at most 500 characters.";
    public const string ReasonControlCharacters = "Reason must not contain control characters other than line breaks.";

    public static Currency DefaultCurrency => Currency.USD;

    /// <summary>The reason as stored: trimmed, and null when blank.</summary>
    public static string? NormalizeReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    /// <summary>The error message for an optional transition reason, or null when it is valid.</summary>
    public static string? ValidateReason(string? reason)
    {
        var normalized = NormalizeReason(reason);
        if (normalized is null)
        {
            return null;
        }

        if (normalized.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return ReasonControlCharacters;
        }

        return normalized.Length > ReasonMaxLength ? ReasonTooLong : null;
    }

    /// <summary>The error message for an amount, or null when it is valid.</summary>
    public static string? ValidateAmount(decimal? amount)
    {
        if (amount is not { } value)
        {
            return AmountRequired;
        }

        if (value <= 0m)
        {
            return AmountNotPositive;
        }

        if (value > MaxAmount)
        {
            return AmountTooLarge;
        }

        return value.Scale > MaxDecimalPlaces && decimal.Round(value, MaxDecimalPlaces) != value
            ? AmountTooPrecise
            : null;
    }

    /// <summary>
    /// Parses a currency code (exact upper-case ISO 4217: USD, EUR or GBP; null or empty means USD).
    /// Returns the error message when the code is unknown.
    /// </summary>
    public static string? ValidateCurrency(string? code, out Currency currency)
    {
        currency = DefaultCurrency;
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        foreach (var candidate in Enum.GetValues<Currency>())
        {
            if (string.Equals(candidate.ToString(), code, StringComparison.Ordinal))
            {
                currency = candidate;
                return null;
            }
        }

        return CurrencyUnknown;
    }
}
