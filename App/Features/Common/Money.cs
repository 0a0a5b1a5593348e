namespace AdminPortal.Features.Common;

#pragma warning disable CA1707 // ISO 4217 codes are the names staff and the API use.
/// <summary>The currencies an order may be in; each has two decimal places.</summary>
public enum Currency
{
    USD,
    EUR,
    GBP,
}
#pragma warning restore CA1707

/// <summary>
/// Money arithmetic, in one place for orders, payments and the database: amounts are decimals with
/// at most two places, and gateways and the SQLite store count them in whole minor units (cents).
/// </summary>
public static class Money
{
    /// <summary>Minor units per major unit: every currency the portal takes (USD, EUR, GBP) has two decimals.</summary>
    public const int MinorUnitsPerUnit = 100;

    /// <summary>Whole minor units (cents), a half cent rounded away from zero.</summary>
    public static long MinorUnits(decimal amount) => (long)decimal.Round(amount * MinorUnitsPerUnit, 0, MidpointRounding.AwayFromZero);

    /// <summary>The amount of a whole number of minor units.</summary>
    public static decimal FromMinorUnits(long minorUnits) => minorUnits / (decimal)MinorUnitsPerUnit;
}
