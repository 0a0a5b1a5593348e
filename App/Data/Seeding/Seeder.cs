using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Data.Seeding;

/// <summary>
/// Writes generated data into the configured database in large transactions, the way
/// <see cref="BulkWriteTuning.PlanBulkLoad"/> says suits the provider. Every statement goes straight
/// to the connection (as <see cref="BulkWriter{TEntity}"/>'s do), so no EF execution strategy sits
/// between them and the transaction.
/// </summary>
/// <remarks>
/// Two threads share the work: one generates the orders (and, where the plan stages them, writes
/// their history into a staging database), the other writes users, orders and payments. The
/// generator itself runs sequentially on one thread, so the rows are the same whatever the timing.
/// </remarks>
public sealed class Seeder(IDbContextFactory<AppDbContext> contexts, ILogger<Seeder> logger)
{
    // Generated orders per slice, and slices generated ahead of the writer: memory stays bounded
    // whatever the order count.
    private const int OrdersPerSlice = 5_000;
    private const int SlicesAhead = 4;

    // Parents first; deleted in reverse, so that deleting works with foreign keys enforced.
    private static readonly Type[] SeededTypes = [typeof(User), typeof(Order), typeof(OrderStatusChange), typeof(PaymentRecord)];

    public async Task<bool> HasUsersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>Deletes every user, order, history entry and payment record (staff accounts stay).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var plan = db.Database.PlanBulkLoad();
        await using (await db.Database.TuneForBulkWritesAsync(plan, cancellationToken))
        {
            await using var transaction = await db.Database.BeginBulkTransactionAsync(cancellationToken);
            await DeleteAllAsync(db, plan, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Inserts <paramref name="users"/> users and <paramref name="orders"/> orders into an empty database.</summary>
    public Task SeedAsync(int users, int orders, CancellationToken cancellationToken) =>
        SeedAsync(users, orders, reset: false, progress: null, cancellationToken);

    /// <summary>
    /// Inserts <paramref name="users"/> users and <paramref name="orders"/> orders; with
    /// <paramref name="reset"/>, deletes the existing ones first, in the load's first transaction
    /// (on SQLite the whole load is one: the old rows stay until the new ones are complete).
    /// <paramref name="progress"/> hears of every slice written and of each stage after the writing,
    /// on the writing thread, in order.
    /// </summary>
    public async Task SeedAsync(int users, int orders, bool reset, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var generator = new DataGenerator(users, orders);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var plan = db.Database.PlanBulkLoad();
        await using (await db.Database.TuneForBulkWritesAsync(plan, cancellationToken))
        {
            await LoadAsync(db, plan, generator, reset, new ProgressTracker(progress, (long)users + orders), cancellationToken);
        }

        logger.LogInformation("Seeded {Users} users and {Orders} orders", users, orders);
    }

    private async Task LoadAsync(AppDbContext db, BulkLoadPlan plan, DataGenerator generator, bool reset, ProgressTracker progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();

        // The staging database is attached before the load's transaction and detached after it.
        await using var staging = plan.StageHistoryInParallel ? await db.OpenStagingAsync([typeof(OrderStatusChange)], cancellationToken) : null;
        await using var stagedHistory = staging is null ? null : new StagedWriter<OrderStatusChange>(new BulkWriter<OrderStatusChange>(db, staging.Connection));
        var transaction = await db.Database.BeginBulkTransactionAsync(cancellationToken);
        try
        {
            if (reset)
            {
                progress.Entered(SeedStage.Deleting);
                await DeleteAllAsync(db, plan, transaction, cancellationToken);
                Phase("reset", clock);
            }

            var indexes = plan.RebuildIndexes ? db.ModelIndexes(SeededTypes) : [];
            foreach (var (drop, _) in indexes)
            {
                await ExecuteAsync(transaction, drop, cancellationToken);
            }

            await using var userWriter = new BulkWriter<User>(db);
            progress.Entered(SeedStage.Writing);
            await WriteAllAsync(userWriter, transaction, ReportingEvery(generator.Users(), OrdersPerSlice, progress.Wrote), cancellationToken);
            Phase("users", clock);

            // SQL Server allows one IDENTITY_INSERT table per session, so each slice is written
            // table by table; each writer keeps its prepared statements from slice to slice.
            await using var orderWriter = new BulkWriter<Order>(db);
            await using var historyWriter = new BulkWriter<OrderStatusChange>(db);
            await using var paymentWriter = new BulkWriter<PaymentRecord>(db);
            var slices = GenerateAheadAsync(
                generator.Orders(),
                stagedHistory is null ? null : (slice, token) => stagedHistory.WriteAsync(slice.SelectMany(g => g.History), token),
                stagedHistory is null ? null : stagedHistory.CompleteAsync,
                cancellationToken);
            var inTransaction = 0;
            await foreach (var slice in slices)
            {
                if (inTransaction >= plan.OrdersPerTransaction)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = await db.Database.BeginBulkTransactionAsync(cancellationToken);
                    inTransaction = 0;
                }

                await WriteAllAsync(orderWriter, transaction, slice.Select(o => o.Order), cancellationToken);
                if (stagedHistory is null)
                {
                    await WriteAllAsync(historyWriter, transaction, slice.SelectMany(o => o.History), cancellationToken);
                }

                await WriteAllAsync(paymentWriter, transaction, slice.SelectMany(o => o.Payments), cancellationToken);
                inTransaction += slice.Length;
                progress.Wrote(slice.Length);
            }

            Phase("orders", clock);
            if (staging is not null)
            {
                await staging.CopyAsync<OrderStatusChange>(transaction, cancellationToken);
                Phase("staged history copy", clock);
            }

            if (indexes.Count > 0)
            {
                progress.Entered(SeedStage.BuildingIndexes);
            }

            foreach (var (_, create) in indexes)
            {
                await ExecuteAsync(transaction, create, cancellationToken);
            }

            Phase("indexes", clock);
            if (plan.CheckForeignKeysAtEnd)
            {
                progress.Entered(SeedStage.CheckingForeignKeys);
                await db.Database.CheckForeignKeysAsync(transaction, cancellationToken);
                Phase("foreign key check", clock);
            }

            progress.Entered(SeedStage.Committing);
            await transaction.CommitAsync(cancellationToken);
            Phase("commit", clock);
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }

    /// <summary>
    /// The generated orders in slices, generated on another thread while the writer writes the
    /// previous ones. That thread also runs <paramref name="alsoOnGeneratingThread"/> on each slice
    /// before handing it over, and <paramref name="whenAllGenerated"/> at the end.
    /// </summary>
    private static async IAsyncEnumerable<GeneratedOrder[]> GenerateAheadAsync(
        IEnumerable<GeneratedOrder> orders,
        Func<GeneratedOrder[], CancellationToken, Task>? alsoOnGeneratingThread,
        Func<CancellationToken, Task>? whenAllGenerated,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var slices = Channel.CreateBounded<GeneratedOrder[]>(new BoundedChannelOptions(SlicesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var slice in orders.Chunk(OrdersPerSlice))
                {
                    if (alsoOnGeneratingThread is not null)
                    {
                        await alsoOnGeneratingThread(slice, stop.Token);
                    }

                    await slices.Writer.WriteAsync(slice, stop.Token);
                }

                if (whenAllGenerated is not null)
                {
                    await whenAllGenerated(stop.Token);
                }

                slices.Writer.Complete();
            }
            catch (Exception exception)
            {
                slices.Writer.Complete(exception);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var slice in slices.Reader.ReadAllAsync(cancellationToken))
            {
                yield return slice;
            }
        }
        finally
        {
            // The writer may stop early (an error, a cancellation): release the producer.
            await stop.CancelAsync();
            await producer;
        }
    }

    /// <summary>Empties the seeded tables, children first. With foreign keys off, SQLite drops a table's pages without visiting its rows.</summary>
    private static async Task DeleteAllAsync(AppDbContext db, BulkLoadPlan plan, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        // A DELETE trigger makes SQLite visit every row; the totals are emptied with the orders instead.
        var setTriggerAside = db.Database.IsSqlite();
        if (setTriggerAside)
        {
            await ExecuteAsync(transaction, $"DROP TRIGGER \"{OrderTotalsSql.SqliteDeleteTrigger}\";", cancellationToken);
        }

        foreach (var type in SeededTypes.Reverse())
        {
            var entityType = db.Model.FindEntityType(type)!;
            await ExecuteAsync(transaction, $"DELETE FROM {sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema())}", cancellationToken);
        }

        if (setTriggerAside)
        {
            await ExecuteAsync(transaction, OrderTotalsSql.SqliteRecompute, cancellationToken);
            await ExecuteAsync(transaction, OrderTotalsSql.SqliteCreateDeleteTrigger, cancellationToken);
        }

        if (plan.CheckForeignKeysAtEnd)
        {
            // Nothing else may still point at a deleted user or order.
            await db.Database.CheckForeignKeysAsync(transaction, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteAllAsync<T>(BulkWriter<T> writer, DbTransaction transaction, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        await writer.BeginAsync(transaction, cancellationToken);
        foreach (var row in rows)
        {
            await writer.AddAsync(row, cancellationToken);
        }

        await writer.EndAsync(cancellationToken);
    }

    /// <summary>The rows as they are written, with <paramref name="wrote"/> told after every <paramref name="every"/> of them and after the last.</summary>
    private static IEnumerable<T> ReportingEvery<T>(IEnumerable<T> rows, int every, Action<int> wrote)
    {
        var since = 0;
        foreach (var row in rows)
        {
            yield return row;
            if (++since == every)
            {
                wrote(since);
                since = 0;
            }
        }

        if (since > 0)
        {
            wrote(since);
        }
    }

    /// <summary>Counts the rows written and tells the reporter, if there is one.</summary>
    private sealed class ProgressTracker(IProgress<SeedProgress>? progress, long total)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _written;

        public void Wrote(int rows)
        {
            _written += rows;
            Entered(SeedStage.Writing);
        }

        public void Entered(SeedStage stage) => progress?.Report(new SeedProgress(stage, _written, total, _clock.Elapsed));
    }

    private void Phase(string phase, Stopwatch clock) =>
        logger.LogDebug("Seeding: {Phase} done after {Seconds:F1} s", phase, clock.Elapsed.TotalSeconds);

    /// <summary>
    /// A writer on the staging connection, in one transaction of its own that <see cref="CompleteAsync"/>
    /// commits; used from the generating thread only.
    /// </summary>
    private sealed class StagedWriter<T>(BulkWriter<T> writer) : IAsyncDisposable
        where T : class
    {
        private DbTransaction? _transaction;

        public async Task WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken)
        {
            _transaction ??= await writer.Connection.BeginTransactionAsync(cancellationToken);
            await WriteAllAsync(writer, _transaction, rows, cancellationToken);
        }

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            if (_transaction is not null)
            {
                await _transaction.CommitAsync(cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await writer.DisposeAsync();
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }
        }
    }
}
