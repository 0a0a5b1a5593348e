using AdminPortal.Features.Orders;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Features.Orders;

/// <summary>The dashboard's orders per day, read from a real SQLite file with the real migrations.</summary>
[TestClass]
public sealed class OrdersPerDayTests
{
    // Today is 2026-06-01 (UTC), so the 30 days are 2026-05-03 to 2026-06-01.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private OrdersService _orders = null!;

    [TestInitialize]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync();
        _orders = new OrdersService(_database, _time, new RecordingNotifier());
    }

    [TestCleanup]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [TestMethod]
    public async Task Counts_each_UTC_day_of_the_last_30_today_included_and_days_without_orders_as_zero()
    {
        await AddCreatedAtAsync(
            Utc(2026, 1, 2, 12, 0, 0),       // months ago
            Utc(2026, 5, 2, 23, 59, 59.999), // the last instant before the 30 days
            Utc(2026, 5, 3, 0, 0, 0),        // their first instant
            Utc(2026, 5, 20, 23, 59, 59.999),
            Utc(2026, 5, 21, 0, 0, 0),
            Utc(2026, 5, 21, 13, 30, 0),
            Utc(2026, 6, 1, 8, 59, 0),       // today, before now
            Utc(2026, 6, 2, 0, 0, 0));       // tomorrow: a clock ahead of this one

        var days = await _orders.GetOrdersPerDayAsync();

        CollectionAssert.AreEqual(
            Enumerable.Range(0, 30).Select(i => new DateOnly(2026, 5, 3).AddDays(i)).ToArray(),
            days.Select(d => d.Day).ToArray(),
            "30 consecutive days, oldest first, ending today");
        var counted = days.Where(d => d.Count > 0).ToDictionary(d => d.Day, d => d.Count);
        CollectionAssert.AreEquivalent(
            new Dictionary<DateOnly, int>
            {
                [new(2026, 5, 3)] = 1,
                [new(2026, 5, 20)] = 1,
                [new(2026, 5, 21)] = 2,
                [new(2026, 6, 1)] = 1,
            },
            counted);
        Assert.AreEqual(26, days.Count(d => d.Count == 0));
    }

    [TestMethod]
    public async Task The_days_move_with_the_clock()
    {
        await AddCreatedAtAsync(Utc(2026, 5, 3, 10, 0, 0));
        Assert.AreEqual(1, (await _orders.GetOrdersPerDayAsync())[0].Count);

        _time.Advance(TimeSpan.FromDays(1));
        var days = await _orders.GetOrdersPerDayAsync();

        Assert.AreEqual(new DateOnly(2026, 5, 4), days[0].Day);
        Assert.AreEqual(new DateOnly(2026, 6, 2), days[^1].Day);
        Assert.IsTrue(days.All(d => d.Count == 0), "the order's day is now 31 days back");
    }

    [TestMethod]
    public async Task The_dashboard_carries_the_same_days_and_an_empty_database_has_30_zeros()
    {
        var empty = await _orders.GetDashboardAsync();
        Assert.HasCount(30, empty.OrdersPerDay);
        Assert.IsTrue(empty.OrdersPerDay.All(d => d.Count == 0));

        await AddCreatedAtAsync(Utc(2026, 5, 31, 10, 0, 0));
        var figures = await _orders.GetDashboardAsync();

        CollectionAssert.AreEqual((await _orders.GetOrdersPerDayAsync()).ToArray(), figures.OrdersPerDay.ToArray());
        Assert.AreEqual(1, figures.OrdersPerDay[^2].Count);
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute, double second) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddSeconds(second);

    private async Task AddCreatedAtAsync(params DateTime[] times)
    {
        await using var db = _database.CreateDbContext();
        var user = new UserBuilder().Build();
        db.Orders.AddRange(times.Select(at => new OrderBuilder().ForUser(user).CreatedAt(at).Build()));
        await db.SaveChangesAsync();
    }
}
