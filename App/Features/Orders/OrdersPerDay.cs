using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Orders;

/// <summary>How many orders were created on one day (a UTC calendar day).</summary>
public sealed record OrdersOnDay(DateOnly Day, int Count);

/// <summary>
/// The dashboard's trend: orders created per day over the last <see cref="Days"/> days, today
/// included. Days are UTC calendar days, as every time the portal shows is UTC (ADR 007).
/// </summary>
public static class OrdersPerDay
{
    public const int Days = 30;

    /// <summary>
    /// One row per day, oldest first, days without orders as 0. One query: a range of the
    /// <c>CreatedAt</c> index, grouped by day in the database, so at most <see cref="Days"/> rows come back.
    /// </summary>
    internal static async Task<IReadOnlyList<OrdersOnDay>> ReadAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(1 - Days);
        var from = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // Bounded above too: an order stamped by an instance whose clock runs ahead is not "today".
        var until = today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var counts = await db.Orders.AsNoTracking()
            .Where(o => o.CreatedAt >= from && o.CreatedAt < until)
            .GroupBy(o => o.CreatedAt.Date)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => DateOnly.FromDateTime(g.Day), g => g.Count, cancellationToken);

        return [.. Enumerable.Range(0, Days).Select(i => first.AddDays(i)).Select(day => new OrdersOnDay(day, counts.GetValueOrDefault(day)))];
    }
}
