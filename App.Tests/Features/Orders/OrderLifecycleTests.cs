using AdminPortal.Features.Orders;

namespace AdminPortal.Tests.Features.Orders;

[TestClass]
public sealed class OrderLifecycleTests
{
    // SPEC §3, written out independently of the production table so a change to either is caught.
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
        Assert.AreEqual(TransitionEffect.Charge, OrderLifecycle.EffectOf(OrderStatus.Pending, OrderStatus.Processing));
        Assert.AreEqual(TransitionEffect.Refund, OrderLifecycle.EffectOf(OrderStatus.Processing, OrderStatus.Cancelled));
        Assert.AreEqual(TransitionEffect.None, OrderLifecycle.EffectOf(OrderStatus.Pending, OrderStatus.Cancelled));
        Assert.AreEqual(TransitionEffect.None, OrderLifecycle.EffectOf(OrderStatus.Processing, OrderStatus.Shipped));
        Assert.AreEqual(TransitionEffect.None, OrderLifecycle.EffectOf(OrderStatus.Shipped, OrderStatus.Delivered));
    }

    [TestMethod]
    public void The_effect_of_a_refused_transition_is_an_error() =>
        Assert.ThrowsExactly<InvalidOperationException>(() => OrderLifecycle.EffectOf(OrderStatus.Delivered, OrderStatus.Pending));
}
