using AdminPortal.Tests.Infrastructure;
using AdminPortal.Features.Common;
using AdminPortal.Features.Payments;

namespace AdminPortal.Tests.Features.Payments;

/// <summary>The rules QA script against (docs/contract.md §8, README "Payments").</summary>
[TestClass]
[TestCategory(InnerLoop.Category)]
public sealed class FakePaymentGatewayTests
{
    private readonly FakePaymentGateway _gateway = new();

    [TestMethod]
    [DataRow("10.00")]
    [DataRow("0.01")]
    [DataRow("10.50")]
    [DataRow("10.53")]
    [DataRow("1000000.00")]
    public async Task Any_other_amount_succeeds_with_a_fake_transaction_id(string amount)
    {
        var result = await _gateway.ChargeAsync(Charge(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "k1"));

        Assert.AreEqual(GatewayResult.Success("fake_1"), result);
    }

    [TestMethod]
    public async Task Cents_of_51_are_declined_with_card_declined()
    {
        Assert.AreEqual(GatewayResult.Declined("card_declined"), await _gateway.ChargeAsync(Charge(10.51m, "k1")));
        Assert.AreEqual(GatewayResult.Declined("card_declined"), await _gateway.RefundAsync(new RefundRequest(1, "fake_9", 99.51m, Currency.USD, "k2")));
    }

    [TestMethod]
    public async Task Cents_of_52_behave_as_an_unavailable_gateway_every_time()
    {
        Assert.AreEqual(GatewayOutcome.Unavailable, (await _gateway.ChargeAsync(Charge(10.52m, "k1"))).Outcome);
        Assert.AreEqual(GatewayOutcome.Unavailable, (await _gateway.ChargeAsync(Charge(10.52m, "k1"))).Outcome, "an outage is not remembered");
    }

    [TestMethod]
    public async Task Transaction_ids_count_up_and_a_repeated_key_gets_its_first_answer()
    {
        var first = await _gateway.ChargeAsync(Charge(10m, "k1"));
        var second = await _gateway.ChargeAsync(Charge(20m, "k2"));
        var again = await _gateway.ChargeAsync(Charge(10m, "k1"));

        Assert.AreEqual(("fake_1", "fake_2", "fake_1"), (first.TransactionId, second.TransactionId, again.TransactionId));
    }

    [TestMethod]
    public async Task A_key_reused_for_a_different_amount_is_refused_and_charges_nothing()
    {
        await _gateway.ChargeAsync(Charge(10m, "k1"));

        var reused = await _gateway.ChargeAsync(Charge(11m, "k1"));

        Assert.AreEqual(GatewayResult.Unavailable(FakePaymentGateway.KeyReusedError), reused);
        Assert.AreEqual("fake_2", (await _gateway.ChargeAsync(Charge(12m, "k2"))).TransactionId, "no transaction was made for the refused request");
    }

    private static ChargeRequest Charge(decimal amount, string key) => new(1, 1, amount, Currency.USD, key);
}
