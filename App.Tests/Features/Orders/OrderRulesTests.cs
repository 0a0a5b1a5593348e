using AdminPortal.Tests.Infrastructure;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;

namespace AdminPortal.Tests.Features.Orders;

[TestClass]
[TestCategory(InnerLoop.Category)]
public sealed class OrderRulesTests
{
    [TestMethod]
    [DataRow("0.01")]
    [DataRow("1")]
    [DataRow("999999.99")]
    [DataRow("1000000")]
    [DataRow("1000000.00")]
    [DataRow("12.300")]
    public void Amounts_from_a_cent_to_a_million_with_two_decimals_are_accepted(string amount) =>
        Assert.IsNull(OrderRules.ValidateAmount(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [TestMethod]
    [DataRow("0", OrderRules.AmountNotPositive)]
    [DataRow("0.00", OrderRules.AmountNotPositive)]
    [DataRow("-0.01", OrderRules.AmountNotPositive)]
    [DataRow("-5", OrderRules.AmountNotPositive)]
    [DataRow("1000000.01", OrderRules.AmountTooLarge)]
    [DataRow("79228162514264337593543950335", OrderRules.AmountTooLarge)]
    [DataRow("0.001", OrderRules.AmountTooPrecise)]
    [DataRow("10.123", OrderRules.AmountTooPrecise)]
    public void Out_of_range_or_too_precise_amounts_are_refused(string amount, string message) =>
        Assert.AreEqual(message, OrderRules.ValidateAmount(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [TestMethod]
    public void A_missing_amount_is_required() => Assert.AreEqual(OrderRules.AmountRequired, OrderRules.ValidateAmount(null));

    [TestMethod]
    [DataRow("USD", Currency.USD)]
    [DataRow("EUR", Currency.EUR)]
    [DataRow("GBP", Currency.GBP)]
    [DataRow(null, Currency.USD)]
    [DataRow("", Currency.USD)]
    public void Known_currencies_parse_and_none_means_usd(string? code, Currency expected)
    {
        Assert.IsNull(OrderRules.ValidateCurrency(code, out var currency));
        Assert.AreEqual(expected, currency);
    }

    [TestMethod]
    [DataRow("JPY")]
    [DataRow("usd")]
    [DataRow("US")]
    [DataRow("USD ")]
    [DataRow("0")]
    public void Unknown_currencies_are_refused(string code) =>
        Assert.AreEqual(OrderRules.CurrencyUnknown, OrderRules.ValidateCurrency(code, out _));

    [TestMethod]
    public void A_reason_of_500_characters_is_accepted_and_501_is_too_long()
    {
        Assert.IsNull(OrderRules.ValidateReason(new string('r', 500)));
        Assert.AreEqual(OrderRules.ReasonTooLong, OrderRules.ValidateReason(new string('r', 501)));
    }

    [TestMethod]
    public void A_reason_may_have_line_breaks_but_no_other_control_characters()
    {
        Assert.IsNull(OrderRules.ValidateReason("Customer called.\nRefund agreed."));
        Assert.AreEqual(OrderRules.ReasonControlCharacters, OrderRules.ValidateReason("bell\u0007"));
    }

    [TestMethod]
    public void A_blank_reason_is_stored_as_none() => Assert.IsNull(OrderRules.NormalizeReason("   "));

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow(" \n ")]
    public void A_reason_is_optional(string? reason) => Assert.IsNull(OrderRules.ValidateReason(reason));
}
