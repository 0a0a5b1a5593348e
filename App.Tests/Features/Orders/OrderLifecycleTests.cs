using AdminPortal.Tests.Infrastructure;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;

namespace AdminPortal.Tests.Features.Orders;

[TestClass]
[TestCategory(InnerLoop.Category)]
public sealed class OrderLifecycleTests
{
    // docs/contract.md §3, written out independently of the production table so a change to either is caught.
    private static readonly HashSet<(OrderStatus From, OrderStatus To)> Allowed =
    [
        (OrderStatus.Pending, OrderStatus.Processing),
        (OrderStatus.Pending, OrderStatus.Cancelled),
        (OrderStatus.Processing, OrderStatus.Shipped),
        (OrderStatus.Processing, OrderStatus.Cancelled),
        (OrderStatus.Shipped, OrderStatus.Delivered),
    ];

    public static IEnumerable<object[]> EveryPair() =>
        from source in Enum.GetValues<OrderStatus>()
        from target in Enum.GetValues<OrderStatus>()
        select new object[] { source, target };

    [TestMethod]
    [DynamicData(nameof(EveryPair))]
    public void Every_pair_of_statuses_is_allowed_exactly_when_the_spec_lists_it(OrderStatus from, OrderStatus to)
    {
        Assert.AreEqual(Allowed.Contains((from, to)), OrderLifecycle.CanMove(from, to), $"{from} -> {to}");
    }

    [TestMethod]
    [DynamicData(nameof(EveryPair))]
    public void Allowed_targets_list_matches_can_move(OrderStatus from, OrderStatus to)
    {
        Assert.AreEqual(OrderLifecycle.CanMove(from, to), OrderLifecycle.AllowedFrom(from).Contains(to));
    }

    [TestMethod]
    public void Every_pair_count_is_twenty_five() => Assert.AreEqual(25, EveryPair().Count());

    [TestMethod]
    [DataRow(OrderStatus.Delivered)]
    [DataRow(OrderStatus.Cancelled)]
    public void Delivered_and_cancelled_are_terminal(OrderStatus status)
    {
        Assert.IsTrue(OrderLifecycle.IsTerminal(status));
        Assert.IsEmpty(OrderLifecycle.AllowedFrom(status));
    }

    [TestMethod]
    [DataRow(OrderStatus.Pending)]
    [DataRow(OrderStatus.Processing)]
    [DataRow(OrderStatus.Shipped)]
    public void Open_statuses_are_not_terminal(OrderStatus status) => Assert.IsFalse(OrderLifecycle.IsTerminal(status));

    [TestMethod]
    public void Paying_charges_and_cancelling_a_processing_order_refunds()
    {
        Assert.AreEqual(PaymentKind.Charge, OrderLifecycle.PaymentOf(OrderStatus.Pending, OrderStatus.Processing));
        Assert.AreEqual(PaymentKind.Refund, OrderLifecycle.PaymentOf(OrderStatus.Processing, OrderStatus.Cancelled));
        Assert.IsNull(OrderLifecycle.PaymentOf(OrderStatus.Pending, OrderStatus.Cancelled));
        Assert.IsNull(OrderLifecycle.PaymentOf(OrderStatus.Processing, OrderStatus.Shipped));
        Assert.IsNull(OrderLifecycle.PaymentOf(OrderStatus.Shipped, OrderStatus.Delivered));
    }

    [TestMethod]
    public void The_payment_of_a_refused_transition_is_an_error_naming_the_move()
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => OrderLifecycle.PaymentOf(OrderStatus.Delivered, OrderStatus.Pending));

        Assert.AreEqual("An order may not go from Delivered to Pending.", error.Message);
    }

    [TestMethod]
    [DynamicData(nameof(EveryPair))]
    public void Try_move_answers_as_can_move_with_the_payment_of_the_move(OrderStatus from, OrderStatus to)
    {
        var allowed = OrderLifecycle.TryMove(from, to, out var payment);

        Assert.AreEqual(Allowed.Contains((from, to)), allowed, $"{from} -> {to}");
        Assert.AreEqual(allowed ? OrderLifecycle.PaymentOf(from, to) : null, payment);
    }

    [TestMethod]
    [DataRow(OrderStatus.Pending, false)]
    [DataRow(OrderStatus.Processing, true)]
    [DataRow(OrderStatus.Shipped, true)]
    [DataRow(OrderStatus.Delivered, true)]
    [DataRow(OrderStatus.Cancelled, false)]
    public void An_order_is_paid_from_its_charge_until_it_is_refunded(OrderStatus status, bool paid) =>
        Assert.AreEqual(paid, OrderLifecycle.IsPaid(status));

    [TestMethod]
    public void The_path_to_a_status_is_the_fewest_moves_from_pending()
    {
        Assert.IsEmpty(OrderLifecycle.PathTo(OrderStatus.Pending));
        CollectionAssert.AreEqual(new[] { OrderStatus.Processing }, OrderLifecycle.PathTo(OrderStatus.Processing).ToArray());
        CollectionAssert.AreEqual(new[] { OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered }, OrderLifecycle.PathTo(OrderStatus.Delivered).ToArray());
        CollectionAssert.AreEqual(new[] { OrderStatus.Cancelled }, OrderLifecycle.PathTo(OrderStatus.Cancelled).ToArray());
    }

    [TestMethod]
    public void A_path_through_a_status_passes_it_on_the_way()
    {
        CollectionAssert.AreEqual(
            new[] { OrderStatus.Processing, OrderStatus.Cancelled },
            OrderLifecycle.PathTo(OrderStatus.Cancelled, through: OrderStatus.Processing).ToArray());
    }

    [TestMethod]
    [DataRow(OrderStatus.Cancelled, OrderStatus.Processing)]
    [DataRow(OrderStatus.Delivered, OrderStatus.Shipped)]
    public void A_path_on_from_a_status_that_cannot_lead_there_is_an_error_naming_both(OrderStatus through, OrderStatus status)
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => OrderLifecycle.PathTo(status, through));

        Assert.AreEqual($"No moves lead from {through} to {status}.", error.Message);
    }

    [TestMethod]
    [DynamicData(nameof(EveryStatus))]
    public void Every_step_of_a_path_is_an_allowed_move(OrderStatus status)
    {
        var from = OrderLifecycle.Initial;
        foreach (var to in OrderLifecycle.PathTo(status))
        {
            Assert.IsTrue(Allowed.Contains((from, to)), $"{from} -> {to}");
            from = to;
        }

        Assert.AreEqual(status, from);
    }

    public static IEnumerable<object[]> EveryStatus() => Enum.GetValues<OrderStatus>().Select(s => new object[] { s });
}
