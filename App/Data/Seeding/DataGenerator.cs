using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;

namespace AdminPortal.Data.Seeding;

/// <summary>One generated order with its history and payment records.</summary>
internal sealed record GeneratedOrder(Order Order, IReadOnlyList<OrderStatusChange> History, IReadOnlyList<PaymentRecord> Payments);

/// <summary>
/// Deterministic data: the same arguments always give the same rows (fixed random seed, fixed time
/// anchor, sequential ids), so demo data, tests and benchmarks can rely on exactly what is there.
/// Rows are streamed, so a million orders never sit in memory at once.
/// </summary>
internal sealed class DataGenerator
{
    /// <summary>All generated times lie before this instant: users in the two years before it, orders in the last.</summary>
    public static readonly DateTime Anchor = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public const int RandomSeed = 20260101;

    public static readonly string[] StaffEmails = ["admin@example.com", "ava.agent@example.com", "sam.agent@example.com"];

    private static readonly string[] FirstNames =
    [
        "Ada", "Alan", "Amara", "Ben", "Carla", "Chen", "Dev", "Elena", "Farah", "Felix", "Grace", "Hugo",
        "Ines", "Ivan", "Jonas", "Kofi", "Lena", "Leo", "Maya", "Mateo", "Nadia", "Noah", "Olga", "Omar",
        "Priya", "Quinn", "Rosa", "Sami", "Tara", "Tomas", "Uma", "Viktor", "Wen", "Yara", "Zoe", "Zane",
    ];

    private static readonly string[] LastNames =
    [
        "Abbott", "Baker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
        "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Patel", "Quiroga", "Rossi", "Silva", "Tanaka",
        "Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zimmermann",
    ];

    // Weights of the final status of a generated order; cancelled orders split between the two ways in.
    private static readonly (OrderStatus Status, int Weight)[] StatusWeights =
    [
        (OrderStatus.Pending, 15), (OrderStatus.Processing, 15), (OrderStatus.Shipped, 15),
        (OrderStatus.Delivered, 40), (OrderStatus.Cancelled, 15),
    ];

    private static readonly TimeSpan UserWindow = TimeSpan.FromDays(365);
    private static readonly TimeSpan OrderWindow = TimeSpan.FromDays(365);

    private readonly int _users;
    private readonly int _orders;

    public DataGenerator(int users, int orders)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        ArgumentOutOfRangeException.ThrowIfNegative(orders);
        if (orders > 0 && users == 0)
        {
            throw new ArgumentException("Orders need at least one user.", nameof(orders));
        }

        _users = users;
        _orders = orders;
    }

    public IEnumerable<User> Users()
    {
        var random = new Random(RandomSeed);
        var start = Anchor - OrderWindow - UserWindow;
        var step = UserWindow / Math.Max(1, _users);
        for (var id = 1; id <= _users; id++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var createdAt = start + step * (id - 1);
            yield return new User
            {
                Id = id,
                Name = $"{first} {last}",
                Email = $"{first}.{last}.{id}@example.com".ToLowerInvariant(),
                Status = id % 17 == 0 ? UserStatus.Suspended : UserStatus.Active,
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
                Version = 1,
            };
        }
    }

    public IEnumerable<GeneratedOrder> Orders()
    {
        // A separate stream from the users', so changing one count does not reshuffle the other.
        var random = new Random(RandomSeed + 1);
        var start = Anchor - OrderWindow;
        var step = OrderWindow / Math.Max(1, _orders);
        long historyId = 0;
        long paymentId = 0;
        for (var id = 1; id <= _orders; id++)
        {
            var order = new Order
            {
                Id = id,
                UserId = random.Next(1, _users + 1),
                Amount = RandomAmount(random),
                Currency = RandomCurrency(random),
                // Ids and creation times rise together, as they do for real orders.
                CreatedAt = start + step * (id - 1) + TimeSpan.FromTicks((long)(random.NextDouble() * step.Ticks * 0.5)),
                Version = 1,
            };

            var history = new List<OrderStatusChange>(4);
            var payments = new List<PaymentRecord>(2);
            var at = order.CreatedAt;
            history.Add(Change(++historyId, order, null, OrderStatus.Pending, at, random, null));

            var final = PickStatus(random);
            // Half the cancelled orders were paid first, and refunded.
            var through = final == OrderStatus.Cancelled && random.Next(2) != 0 ? OrderStatus.Processing : (OrderStatus?)null;
            foreach (var to in OrderLifecycle.PathTo(final, through))
            {
                var from = order.Status;
                at += TimeSpan.FromMinutes(random.Next(10, 72 * 60));
                var payment = OrderLifecycle.PaymentOf(from, to);
                history.Add(Change(++historyId, order, from, to, at, random, to == OrderStatus.Cancelled ? "Customer asked to cancel" : null));
                if (payment is { } kind)
                {
                    // Asked for by whoever made the move: no extra draw, so the data stays the same.
                    var transactionId = kind == PaymentKind.Charge ? $"seed_ch_{id}" : $"seed_rf_{id}";
                    payments.Add(Payment(++paymentId, order, kind, transactionId, at, history[^1].ChangedBy));
                    if (kind == PaymentKind.Charge)
                    {
                        order.PaymentTransactionId = transactionId;
                    }
                }

                order.Status = to;
            }

            order.UpdatedAt = at;
            yield return new GeneratedOrder(order, history, payments);
        }
    }

    private static OrderStatus PickStatus(Random random)
    {
        var roll = random.Next(StatusWeights.Sum(w => w.Weight));
        foreach (var (status, weight) in StatusWeights)
        {
            if (roll < weight)
            {
                return status;
            }

            roll -= weight;
        }

        return OrderStatus.Delivered;
    }

    // Between 5.00 and 2,000.00; never .51 or .52 cents, which the fake gateway declines or fails.
    private static decimal RandomAmount(Random random)
    {
        var cents = random.Next(500, 200_000);
        if (cents % 100 is 51 or 52)
        {
            cents += 2;
        }

        return cents / 100m;
    }

    private static Currency RandomCurrency(Random random) => random.Next(10) switch
    {
        < 7 => Currency.USD,
        < 9 => Currency.EUR,
        _ => Currency.GBP,
    };

    private static OrderStatusChange Change(long id, Order order, OrderStatus? from, OrderStatus to, DateTime at, Random random, string? reason) => new()
    {
        Id = id,
        OrderId = order.Id,
        From = from,
        To = to,
        At = at,
        ChangedBy = StaffEmails[random.Next(StaffEmails.Length)],
        Reason = reason,
    };

    private static PaymentRecord Payment(long id, Order order, PaymentKind kind, string transactionId, DateTime at, string requestedBy) => new()
    {
        Id = id,
        OrderId = order.Id,
        Kind = kind,
        Amount = order.Amount,
        Currency = order.Currency,
        Status = PaymentStatus.Succeeded,
        TransactionId = transactionId,
        At = at,
        RequestedBy = requestedBy,
    };
}
