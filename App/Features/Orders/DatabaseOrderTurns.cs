using AdminPortal.Data;
using AdminPortal.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Orders;

/// <summary>
/// The order's turn across every instance on the database (ADR 006): a row in <c>OrderTurns</c>,
/// inserted by the move that takes the turn and deleted when it ends. The table's key makes taking
/// it atomic on every provider; the row is committed at once, so no transaction or lock stays open
/// while the gateway is asked, and other orders' writes never wait for it. A row whose lease ran
/// out belongs to a move that died (its instance was killed); the next move takes it over.
/// Within one instance, moves of one order first queue here, so only one of them asks the database
/// at a time; an idle order keeps no memory.
/// </summary>
internal sealed class DatabaseOrderTurns(
    IDbContextFactory<AppDbContext> contexts,
    TimeProvider time,
    IOptions<PaymentGatewayOptions> gateway,
    ILogger<DatabaseOrderTurns> logger) : IOrderTurns
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<int, LocalQueue> _queues = [];
    private readonly Lock _gate = new();

    /// <summary>
    /// How long a turn holds when its holder never ends it: longer than the slowest move, whose
    /// gateway call is bounded by PaymentGateway:TimeoutSeconds, with as much again for the writes.
    /// </summary>
    public TimeSpan Lease { get; } = TimeSpan.FromSeconds(2 * gateway.Value.TimeoutSeconds + 5);

    public async Task<IAsyncDisposable> EnterAsync(int orderId, CancellationToken cancellationToken)
    {
        var queue = Join(orderId);
        try
        {
            await queue.Head.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(orderId, queue);
            throw;
        }

        try
        {
            var holder = Guid.NewGuid().ToString("N");
            await TakeAsync(orderId, holder, cancellationToken);
            queue.Held = true;
            return new Turn(this, orderId, queue, holder);
        }
        catch
        {
            queue.Head.Release();
            Leave(orderId, queue);
            throw;
        }
    }

    /// <summary>
    /// How many moves of the order in this instance wait for its turn now, in this instance's queue
    /// or for another instance to end it (for tests that stage a race).
    /// </summary>
    internal int WaitingFor(int orderId)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(orderId, out var queue) ? queue.Members - (queue.Held ? 1 : 0) : 0;
        }
    }

    /// <summary>Orders with a move in progress or waiting in this instance: none once all are done.</summary>
    internal int QueuedOrders
    {
        get
        {
            lock (_gate)
            {
                return _queues.Count;
            }
        }
    }

    private async Task TakeAsync(int orderId, string holder, CancellationToken cancellationToken)
    {
        var retry = FirstRetry;
        while (!await TryTakeAsync(orderId, holder, cancellationToken))
        {
            // Another instance's move holds it; it ends within its lease. A polling pause, not a
            // time of the domain: it runs on the real clock even where tests stand time still.
            await Task.Delay(retry, cancellationToken);
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
        }
    }

    private async Task<bool> TryTakeAsync(int orderId, string holder, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            if (await OrderTurnsSql.InsertIfAbsentAsync(db, new OrderTurn { OrderId = orderId, Holder = holder, ExpiresAt = now + Lease }, cancellationToken) == 1)
            {
                return true;
            }
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another taker inserted between the check and the insert.
        }

        // Held: by a live move, or by one whose instance died and whose lease ran out.
        var takenOver = await db.OrderTurns
            .Where(t => t.OrderId == orderId && t.ExpiresAt < now)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.Holder, holder).SetProperty(x => x.ExpiresAt, now + Lease), cancellationToken);
        if (takenOver == 1)
        {
            logger.LogWarning("The turn of order {OrderId} had run out without being ended (its instance stopped mid-move); taken over", orderId);
        }

        return takenOver == 1;
    }

    private async Task EndAsync(int orderId, string holder)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.OrderTurns.Where(t => t.OrderId == orderId && t.Holder == holder).ExecuteDeleteAsync();
        }
        catch (Exception e) when (DbErrors.IsUnavailable(e))
        {
            // The row runs out by itself; until then other instances' moves of this order wait.
            logger.LogWarning(e, "The turn of order {OrderId} could not be ended; it runs out within {Lease}", orderId, Lease);
        }
    }

    private LocalQueue Join(int orderId)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(orderId, out var queue))
            {
                queue = new LocalQueue();
                _queues[orderId] = queue;
            }

            queue.Members++;
            return queue;
        }
    }

    private void Leave(int orderId, LocalQueue queue)
    {
        lock (_gate)
        {
            if (--queue.Members == 0)
            {
                _queues.Remove(orderId);
                queue.Head.Dispose();
            }
        }
    }

    // The moves of one order in this instance: the one at the head asks the database.
    private sealed class LocalQueue
    {
        public SemaphoreSlim Head { get; } = new(1, 1);

        public int Members { get; set; }

        /// <summary>Whether a move of this instance holds the order's turn now.</summary>
        public volatile bool Held;
    }

    private sealed class Turn(DatabaseOrderTurns turns, int orderId, LocalQueue queue, string holder) : IAsyncDisposable
    {
        private int _ended;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
            {
                return;
            }

            // Ended whatever happened to the caller's request: a turn outlives no move.
            try
            {
                await turns.EndAsync(orderId, holder);
            }
            finally
            {
                queue.Held = false;
                queue.Head.Release();
                turns.Leave(orderId, queue);
            }
        }
    }
}
