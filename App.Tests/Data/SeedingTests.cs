using AdminPortal.Data;
using AdminPortal.Data.Seeding;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminPortal.Tests.Data;

[TestClass]
public sealed partial class SeedingTests
{
    [TestMethod]
    public async Task Two_runs_with_the_same_arguments_give_the_same_rows()
    {
        await using var first = await TestDatabase.CreateAsync();
        await using var second = await TestDatabase.CreateAsync();

        await Seed(first, 40, 300);
        await Seed(second, 40, 300);

        Assert.AreEqual(await Snapshot(first), await Snapshot(second));
    }

    [TestMethod]
    public async Task The_bulk_load_writes_no_audit_entries()
    {
        await using var database = await TestDatabase.CreateAsync();

        await Seed(database, 40, 300);

        // Generated data is a load, not staff's actions: it bypasses the services and their trail.
        await using var db = database.CreateDbContext();
        Assert.AreEqual((40, 300, 0), (await db.Users.CountAsync(), await db.Orders.CountAsync(), await db.AuditEntries.CountAsync()));
    }

    [TestMethod]
    public async Task Reseeding_after_a_reset_gives_the_same_rows_again()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed(database, 20, 100);
        var before = await Snapshot(database);

        await new Seeder(database, NullLogger<Seeder>.Instance).ResetAsync(CancellationToken.None);
        await using (var db = database.CreateDbContext())
        {
            Assert.AreEqual(0, await db.Users.CountAsync() + await db.Orders.CountAsync() + await db.OrderStatusChanges.CountAsync() + await db.PaymentRecords.CountAsync());
        }

        await Seed(database, 20, 100);
        Assert.AreEqual(before, await Snapshot(database));
    }

    [TestMethod]
    public async Task Demo_data_covers_every_status_with_histories_that_follow_the_life_cycle()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed(database, SeedOptions.DemoUsers, SeedOptions.DemoOrders);

        await using var db = database.CreateDbContext();
        Assert.IsGreaterThanOrEqualTo(50, await db.Users.CountAsync());
        Assert.IsGreaterThanOrEqualTo(200, await db.Orders.CountAsync());
        Assert.IsTrue(await db.Users.AnyAsync(u => u.Status == UserStatus.Suspended), "some users are suspended");
        var statuses = await db.Orders.Select(o => o.Status).Distinct().ToListAsync();
        CollectionAssert.AreEquivalent(Enum.GetValues<OrderStatus>(), statuses);

        var orders = await db.Orders.Include(o => o.History).Include(o => o.Payments).AsSplitQuery().ToListAsync();
        foreach (var order in orders)
        {
            AssertHistoryFollowsTheLifeCycle(order);
            AssertPaymentsMatchTheHistory(order);
        }
    }

    private static void AssertHistoryFollowsTheLifeCycle(Order order)
    {
        var history = order.History.OrderBy(h => h.Id).ToList();
        Assert.IsNull(history[0].From, $"order {order.Id} starts with its creation");
        Assert.AreEqual(OrderStatus.Pending, history[0].To);
        for (var i = 1; i < history.Count; i++)
        {
            Assert.AreEqual(history[i - 1].To, history[i].From, $"order {order.Id} entry {i} continues from the last");
            Assert.IsTrue(OrderLifecycle.CanMove(history[i].From!.Value, history[i].To), $"order {order.Id} entry {i} is allowed");
            Assert.IsGreaterThan(history[i - 1].At, history[i].At, $"order {order.Id} entry {i} comes later");
        }

        Assert.AreEqual(order.Status, history[^1].To, $"order {order.Id} history ends at its status");
        Assert.AreEqual(order.UpdatedAt, history[^1].At);
    }

    private static void AssertPaymentsMatchTheHistory(Order order)
    {
        var charged = order.History.Any(h => h.To == OrderStatus.Processing);
        var refunded = order.History.Any(h => h is { From: OrderStatus.Processing, To: OrderStatus.Cancelled });
        var charges = order.Payments.Where(p => p.Kind == PaymentKind.Charge).ToList();
        var refunds = order.Payments.Where(p => p.Kind == PaymentKind.Refund).ToList();

        Assert.HasCount(charged ? 1 : 0, charges, $"order {order.Id} charges");
        Assert.HasCount(refunded ? 1 : 0, refunds, $"order {order.Id} refunds");
        Assert.AreEqual(charged ? charges[0].TransactionId : null, order.PaymentTransactionId);
        Assert.IsTrue(order.Payments.All(p => p.Status == PaymentStatus.Succeeded && p.Amount == order.Amount && p.Currency == order.Currency));
    }

    [TestMethod]
    public async Task The_seeder_reports_the_rows_as_each_slice_is_written_then_each_stage_after_the_writing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var reports = new Recorded();

        await new Seeder(database, NullLogger<Seeder>.Instance).SeedAsync(6_000, 6_000, reset: false, reports, CancellationToken.None);

        var writing = reports.Seen.TakeWhile(r => r.Stage == SeedStage.Writing).Select(r => r.RowsWritten).ToArray();
        CollectionAssert.AreEqual(new long[] { 0, 5_000, 6_000, 11_000, 12_000 }, writing, "users in slices of 5,000, then each slice of orders");
        var after = reports.Seen.Skip(writing.Length).ToArray();
        Assert.AreEqual(SeedStage.Committing, after[^1].Stage);
        Assert.IsTrue(after.All(r => r.Stage != SeedStage.Writing && r.RowsWritten == 12_000), "nothing is written after the writing");
        Assert.IsTrue(reports.Seen.All(r => r.RowsTotal == 12_000));
    }

    [TestMethod]
    public async Task The_seed_command_with_its_output_redirected_prints_plain_lines_of_progress_and_its_total()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IDbContextFactory<AppDbContext>>(database)
            .AddSingleton<Seeder>()
            .AddSingleton<DatabaseInitializer>()
            .AddOptions()
            .BuildServiceProvider();
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var code = await SeedCommand.RunAsync(services, ["seed", "--users", "100", "--orders", "10000"], output, errors, new SeedProgressViews.PlainLines(output));

        Assert.AreEqual(SeedCommand.Success, code, errors.ToString());
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.IsTrue(lines[..^1].All(l => l.StartsWith("Seeding: ", StringComparison.Ordinal)), output.ToString());
        var written = lines
            .Select(l => ProgressLine().Match(l))
            .Where(m => m.Success)
            .Select(m => long.Parse(m.Groups["rows"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))
            .ToArray();
        Assert.IsGreaterThanOrEqualTo(3, written.Length, output.ToString());
        CollectionAssert.AreEqual(written.Order().ToArray(), written, "the count only grows");
        Assert.AreEqual(10_100, written[^1]);
        StringAssert.Matches(lines[^1], TotalLine());
        Assert.DoesNotContain("\u001b", output.ToString(), "no terminal control codes in a file");
    }

    private sealed class Recorded : IProgress<SeedProgress>
    {
        public List<SeedProgress> Seen { get; } = [];

        public void Report(SeedProgress value) => Seen.Add(value);
    }

    [GeneratedRegex(@"^Seeding: (?<rows>[\d,]+) of 10,100 rows \(\d+%\), [\d,]+ rows/s$")]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"^Seeded 100 users and 10,000 orders \(10,100 rows\) in \d+\.\d s, [\d,]+ rows/s\.$")]
    private static partial Regex TotalLine();

    private static Task Seed(TestDatabase database, int users, int orders) =>
        new Seeder(database, NullLogger<Seeder>.Instance).SeedAsync(users, orders, CancellationToken.None);

    // Every column of every seeded row, in key order, as one string.
    private static async Task<string> Snapshot(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var usersRows = await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync();
        var users = usersRows.Select(u => string.Join('|', u.Id, u.Name, u.Email, u.Status, u.CreatedAt.Ticks, u.UpdatedAt.Ticks, u.Version));
        var ordersRows = await db.Orders.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
        var orders = ordersRows.Select(o => string.Join('|', o.Id, o.UserId, o.Amount, o.Currency, o.Status, o.PaymentTransactionId, o.CreatedAt.Ticks, o.UpdatedAt.Ticks, o.Version));
        var historyRows = await db.OrderStatusChanges.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
        var history = historyRows.Select(h => string.Join('|', h.Id, h.OrderId, h.From, h.To, h.At.Ticks, h.ChangedBy, h.Reason));
        var paymentsRows = await db.PaymentRecords.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        var payments = paymentsRows.Select(p => string.Join('|', p.Id, p.OrderId, p.Kind, p.Amount, p.Currency, p.Status, p.TransactionId, p.Error, p.At.Ticks));
        Assert.IsNotEmpty(orders);
        return string.Join('\n', users.Concat(orders).Concat(history).Concat(payments));
    }
}
