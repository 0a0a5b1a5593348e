using System.Collections.Frozen;

namespace AdminPortal.Features.Orders;

/// <summary>What a transition does besides moving the order.</summary>
public enum TransitionEffect
{
    None,
    Charge,
    Refund,
}

/// <summary>
/// The order life cycle (SPEC §3): the one table of allowed transitions. The pages (which buttons),
/// the API (<c>allowedTransitions</c>, 409) and the services (what is legal) all ask this type.
/// </summary>
public static class OrderLifecycle
{
    private static readonly (OrderStatus From, OrderStatus To, TransitionEffect Effect)[] Table =
    [
        (OrderStatus.Pending, OrderStatus.Processing, TransitionEffect.Charge),
        (OrderStatus.Pending, OrderStatus.Cancelled, TransitionEffect.None),
        (OrderStatus.Processing, OrderStatus.Shipped, TransitionEffect.None),
        (OrderStatus.Processing, OrderStatus.Cancelled, TransitionEffect.Refund),
        (OrderStatus.Shipped, OrderStatus.Delivered, TransitionEffect.None),
    ];

    private static readonly FrozenDictionary<OrderStatus, OrderStatus[]> Allowed =
        Enum.GetValues<OrderStatus>().ToFrozenDictionary(
            status => status,
            status => Table.Where(row => row.From == status).Select(row => row.To).ToArray());

    /// <summary>Every status, in life-cycle order.</summary>
    public static IReadOnlyList<OrderStatus> Statuses { get; } = Enum.GetValues<OrderStatus>();

    /// <summary>May an order in <paramref name="from"/> move to <paramref name="to"/>?</summary>
    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    /// <summary>The statuses an order in <paramref name="from"/> may move to, in table order.</summary>
    public static IReadOnlyList<OrderStatus> AllowedFrom(OrderStatus from) => Allowed[from];

    /// <summary>True for delivered and cancelled: nothing may follow them.</summary>
    public static bool IsTerminal(OrderStatus status) => Allowed[status].Length == 0;

    /// <summary>The side effect of an allowed transition.</summary>
    /// <exception cref="InvalidOperationException">The transition is not allowed.</exception>
    public static TransitionEffect EffectOf(OrderStatus from, OrderStatus to)
    {
        foreach (var row in Table)
        {
            if (row.From == from && row.To == to)
            {
                return row.Effect;
            }
        }

        throw new InvalidOperationException($"An order may not go from {from} to {to}.");
    }

    /// <summary>Has an order in this status been paid (a charge succeeded and was not refunded)?</summary>
    public static bool IsPaid(OrderStatus status) =>
        status is OrderStatus.Processing or OrderStatus.Shipped or OrderStatus.Delivered;
}
