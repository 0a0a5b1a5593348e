using AdminPortal.Features.Orders;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Features.Orders;

/// <summary>
/// The orders' turns in the database, as two instances on one database have them: each made with
/// <see cref="OrderTurns.Of"/> stands for an instance of its own.
/// </summary>
[TestClass]
public sealed class DatabaseOrderTurnsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    [TestInitialize]
    public async Task CreateDatabase() => _database = await TestDatabase.CreateAsync();

    [TestCleanup]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [TestMethod]
    public async Task A_turn_held_on_one_instance_keeps_the_other_waiting_until_it_ends()
    {
        var a = OrderTurns.Of(_database, _time);
        var b = OrderTurns.Of(_database, _time);
        var held = await a.EnterAsync(7, CancellationToken.None);

        var waiting = b.EnterAsync(7, CancellationToken.None);
        await Reliability.Reliability.PollAsync(() => b.WaitingFor(7) == 1, "B to wait for the turn");
        var otherOrder = await b.EnterAsync(8, CancellationToken.None);
        var stillWaiting = !waiting.IsCompleted;
        await held.DisposeAsync();
        await using var next = await waiting;
        await otherOrder.DisposeAsync();

        Assert.IsTrue(stillWaiting, "B waited while A held order 7's turn");
        Assert.AreEqual(0, a.QueuedOrders + b.WaitingFor(7));
    }

    [TestMethod]
    public async Task A_turn_is_held_for_twice_the_gateway_time_and_five_seconds()
    {
        var turns = OrderTurns.Of(_database, _time, gatewayTimeoutSeconds: 10);

        await using var turn = await turns.EnterAsync(7, CancellationToken.None);

        await using var db = _database.CreateDbContext();
        var row = await db.OrderTurns.AsNoTracking().SingleAsync();
        Assert.AreEqual(TimeSpan.FromSeconds(25), turns.Lease);
        Assert.AreEqual(_time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(25), row.ExpiresAt);
    }

    [TestMethod]
    public async Task The_turn_of_an_instance_that_died_is_taken_over_once_its_lease_has_run_out()
    {
        await using (var db = _database.CreateDbContext())
        {
            // What a killed instance leaves: its row, never deleted.
            db.OrderTurns.Add(new OrderTurn { OrderId = 7, Holder = "dead", ExpiresAt = _time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(25) });
            await db.SaveChangesAsync();
        }

        var next = OrderTurns.Of(_database, _time);
        var waiting = next.EnterAsync(7, CancellationToken.None);
        await Reliability.Reliability.PollAsync(() => next.WaitingFor(7) == 1, "the next move to wait");
        var waitedWhileLeased = !waiting.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(26));
        await using var turn = await waiting;

        await using var check = _database.CreateDbContext();
        Assert.IsTrue(waitedWhileLeased, "a leased turn is not taken over");
        Assert.AreNotEqual("dead", (await check.OrderTurns.AsNoTracking().SingleAsync()).Holder);
    }

    [TestMethod]
    public async Task Moves_of_many_orders_leave_no_turn_behind_in_memory_or_in_the_database()
    {
        var turns = OrderTurns.Of(_database, _time);

        for (var order = 1; order <= 500; order++)
        {
            await using var turn = await turns.EnterAsync(order, CancellationToken.None);
        }

        await using var db = _database.CreateDbContext();
        Assert.AreEqual(0, turns.QueuedOrders);
        Assert.AreEqual(0, await db.OrderTurns.CountAsync());
    }

    [TestMethod]
    public async Task A_wait_given_up_leaves_the_holder_alone_and_nothing_queued()
    {
        var a = OrderTurns.Of(_database, _time);
        await using var held = await a.EnterAsync(7, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var waiting = a.EnterAsync(7, giveUp.Token);
        await Reliability.Reliability.PollAsync(() => a.WaitingFor(7) == 1, "the second move to queue");

        await giveUp.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => waiting);
        Assert.AreEqual(0, a.WaitingFor(7));
        Assert.AreEqual(1, a.QueuedOrders, "the holder's queue stays until it ends");
    }
}
