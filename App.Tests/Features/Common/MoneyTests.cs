using System.Globalization;
using AdminPortal.Features.Common;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Features.Common;

/// <summary>The money arithmetic gateways and the SQLite store rely on: amounts in whole cents and back.</summary>
[TestClass]
[TestCategory(InnerLoop.Category)]
public sealed class MoneyTests
{
    [TestMethod]
    [DataRow("10.51", 1051L)]
    [DataRow("0.01", 1L)]
    [DataRow("1000000", 100_000_000L)]
    [DataRow("-12.34", -1234L)]
    [DataRow("0", 0L)]
    public void An_amount_of_at_most_two_decimals_is_that_many_cents(string amount, long cents) =>
        Assert.AreEqual(cents, Money.MinorUnits(Parse(amount)));

    [TestMethod]
    [DataRow("0.005", 1L)]
    [DataRow("0.025", 3L)]
    [DataRow("-0.025", -3L)]
    [DataRow("10.514", 1051L)]
    [DataRow("10.516", 1052L)]
    public void A_fraction_of_a_cent_rounds_to_the_nearest_and_a_half_away_from_zero(string amount, long cents) =>
        Assert.AreEqual(cents, Money.MinorUnits(Parse(amount)));

    [TestMethod]
    [DataRow(1051L, "10.51")]
    [DataRow(1L, "0.01")]
    [DataRow(-1234L, "-12.34")]
    [DataRow(100_000_000L, "1000000")]
    public void Cents_are_the_amount_they_count(long cents, string amount) =>
        Assert.AreEqual(Parse(amount), Money.FromMinorUnits(cents));

    [TestMethod]
    public void Every_amount_of_two_decimals_survives_the_round_trip_through_cents()
    {
        foreach (var amount in new[] { 0.01m, 0.1m, 0.99m, 10.51m, 999_999.99m, 1_000_000m })
        {
            Assert.AreEqual(amount, Money.FromMinorUnits(Money.MinorUnits(amount)), $"{amount}");
        }
    }

    private static decimal Parse(string amount) => decimal.Parse(amount, CultureInfo.InvariantCulture);
}
