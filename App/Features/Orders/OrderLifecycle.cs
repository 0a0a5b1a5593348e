using System.Collections.Frozen;
using AdminPortal.Features.Payments;

namespace AdminPortal.Features.Orders;

/// <summary>
/// The order life cycle (docs/contract.md §3): the one table of allowed moves and the payment each
/// needs. The pages (which buttons), the API (<c>allowedTransitions</c>, 409), the transition service
/// (what is legal, what to charge or refund), the generated data and the tests' builders (how an order
/// reaches a status, whether it is paid) all ask this type; nothing else spells a move out.
/// </summary>
public static class OrderLifecycle
{
    // Payment: what must succeed at the gateway before the order moves; null for nothing.
    private static readonly (OrderStatus From, OrderStatus To, PaymentKind? Payment)[] Table =
    [
        (OrderStatus.Pending, OrderStatus.Processing, PaymentKind.Charge),
        (OrderStatus.Pending, OrderStatus.Cancelled, null),
        (OrderStatus.Processing, OrderStatus.Shipped, null),
        (OrderStatus.Processing, OrderStatus.Cancelled, PaymentKind.Refund),
        (OrderStatus.Shipped, OrderStatus.Delivered, null),
    ];

    private static readonly FrozenDictionary<OrderStatus, OrderStatus[]> Allowed =
        Enum.GetValues<OrderStatus>().ToFrozenDictionary(
            status => status,
            status => Table.Where(row => row.From == status).Select(row => row.To).ToArray());

    // Where a charge leads, and on from there by every move that does not refund it.
    private static readonly FrozenSet<OrderStatus> Paid = PaidStatuses();

    /// <summary>Every status, in life-cycle order.</summary>
    public static IReadOnlyList<OrderStatus> Statuses { get; } = Enum.GetValues<OrderStatus>();

    /// <summary>The status every order starts in.</summary>
    public static OrderStatus Initial => OrderStatus.Pending;

    /// <summary>May an order in <paramref name="from"/> move to <paramref name="to"/>?</summary>
    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    /// <summary>
    /// Whether the move is allowed and, when it is, the payment that must succeed before the order
    /// moves (<paramref name="payment"/> null: none).
    /// </summary>
    public static bool TryMove(OrderStatus from, OrderStatus to, out PaymentKind? payment)
    {
        foreach (var row in Table)
        {
            if (row.From == from && row.To == to)
            {
                payment = row.Payment;
                return true;
            }
        }

        payment = null;
        return false;
    }

    /// <summary>The payment an allowed move needs first: a charge, a refund, or null for none.</summary>
    /// <exception cref="InvalidOperationException">The move is not allowed.</exception>
    public static PaymentKind? PaymentOf(OrderStatus from, OrderStatus to) =>
        TryMove(from, to, out var payment) ? payment : throw new InvalidOperationException($"An order may not go from {from} to {to}.");

    /// <summary>The statuses an order in <paramref name="from"/> may move to, in table order.</summary>
    public static IReadOnlyList<OrderStatus> AllowedFrom(OrderStatus from) => Allowed[from];

    /// <summary>True for delivered and cancelled: nothing may follow them.</summary>
    public static bool IsTerminal(OrderStatus status) => Allowed[status].Length == 0;

    /// <summary>Has an order in this status been paid (a charge succeeded and was not refunded)?</summary>
    public static bool IsPaid(OrderStatus status) => Paid.Contains(status);

    /// <summary>
    /// The moves that take a new order to <paramref name="status"/>, fewest first, as the statuses it
    /// passes through after <see cref="Initial"/> (empty for a pending order). With
    /// <paramref name="through"/>, the path passes that status on the way (a cancelled order that was
    /// paid first goes through processing).
    /// </summary>
    /// <exception cref="InvalidOperationException">No path leads there.</exception>
    public static IReadOnlyList<OrderStatus> PathTo(OrderStatus status, OrderStatus? through = null) =>
        through is { } via ? [.. Shortest(Initial, via), .. Shortest(via, status)] : Shortest(Initial, status);

    // Breadth first over the table, so the first path found has the fewest moves.
    private static OrderStatus[] Shortest(OrderStatus from, OrderStatus to)
    {
        var cameFrom = new Dictionary<OrderStatus, OrderStatus> { [from] = from };
        var queue = new Queue<OrderStatus>([from]);
        while (queue.Count > 0 && !cameFrom.ContainsKey(to))
        {
            var current = queue.Dequeue();
            foreach (var next in Allowed[current].Where(next => cameFrom.TryAdd(next, current)))
            {
                queue.Enqueue(next);
            }
        }

        if (!cameFrom.ContainsKey(to))
        {
            throw new InvalidOperationException($"No moves lead from {from} to {to}.");
        }

        var path = new List<OrderStatus>();
        for (var step = to; step != from; step = cameFrom[step])
        {
            path.Add(step);
        }

        path.Reverse();
        return [.. path];
    }

    private static FrozenSet<OrderStatus> PaidStatuses()
    {
        var paid = new HashSet<OrderStatus>(Table.Where(row => row.Payment == PaymentKind.Charge).Select(row => row.To));
        var queue = new Queue<OrderStatus>(paid);
        while (queue.TryDequeue(out var status))
        {
            foreach (var row in Table.Where(row => row.From == status && row.Payment != PaymentKind.Refund && paid.Add(row.To)))
            {
                queue.Enqueue(row.To);
            }
        }

        return paid.ToFrozenSet();
    }
}
