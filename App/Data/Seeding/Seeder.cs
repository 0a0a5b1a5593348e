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
public sealed class Seeder(IDbContextFactory<AppDbContext> contexts, ILogger<Seeder> logger)
{
    // Generated orders held in memory at once: memory stays bounded whatever the count.
    private const int OrdersPerSlice = 20_000;

    // Slices generated ahead of the writer.
    private const int SlicesAhead = 2;

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
            await using var transaction = await db.Database.GetDbConnection().BeginTransactionAsync(cancellationToken);
            await DeleteAllAsync(db, plan, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Inserts <paramref name="users"/> users and <paramref name="orders"/> orders into an empty database.</summary>
    public Task SeedAsync(int users, int orders, CancellationToken cancellationToken) =>
        SeedAsync(users, orders, reset: false, cancellationToken);

    /// <summary>
    /// Inserts <paramref name="users"/> users and <paramref name="orders"/> orders; with
    /// <paramref name="reset"/>, deletes the existing ones first, in the load's first transaction
    /// (on SQLite the whole load is one: the old rows stay until the new ones are complete).
    /// </summary>
    public async Task SeedAsync(int users, int orders, bool reset, CancellationToken cancellationToken)
    {
        var generator = new DataGenerator(users, orders);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var plan = db.Database.PlanBulkLoad();
        await using (await db.Database.TuneForBulkWritesAsync(plan, cancellationToken))
        {
            await LoadAsync(db, plan, generator, reset, cancellationToken);
        }

        logger.LogInformation("Seeded {Users} users and {Orders} orders", users, orders);
    }

    private async Task LoadAsync(AppDbContext db, BulkLoadPlan plan, DataGenerator generator, bool reset, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var connection = db.Database.GetDbConnection();
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (reset)
            {
                await DeleteAllAsync(db, plan, transaction, cancellationToken);
                Phase("reset", clock);
            }

            var indexes = plan.RebuildIndexes ? db.ModelIndexes(SeededTypes) : [];
            foreach (var (drop, _) in indexes)
            {
                await ExecuteAsync(transaction, drop, cancellationToken);
            }

            await using var userWriter = new BulkWriter<User>(db);
            await WriteAllAsync(userWriter, transaction, generator.Users(), cancellationToken);
            Phase("users", clock);

            // SQL Server allows one IDENTITY_INSERT table per session, so each slice is written
            // table by table; each writer keeps its prepared statement from slice to slice.
            // Slices are generated on another thread, a few ahead of the writer.
            await using var orderWriter = new BulkWriter<Order>(db);
            await using var historyWriter = new BulkWriter<OrderStatusChange>(db);
            await using var paymentWriter = new BulkWriter<PaymentRecord>(db);
            var inTransaction = 0;
            await foreach (var slice in GenerateAheadAsync(generator.Orders(), cancellationToken))
            {
                if (inTransaction >= plan.OrdersPerTransaction)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = await connection.BeginTransactionAsync(cancellationToken);
                    inTransaction = 0;
                }

                await orderWriter.BeginAsync(transaction, cancellationToken);
                foreach (var generated in slice)
                {
                    await orderWriter.AddAsync(generated.Order, cancellationToken);
                }

                await orderWriter.EndAsync(cancellationToken);
                await historyWriter.BeginAsync(transaction, cancellationToken);
                foreach (var generated in slice)
                {
                    for (var i = 0; i < generated.History.Count; i++)
                    {
                        await historyWriter.AddAsync(generated.History[i], cancellationToken);
                    }
                }

                await historyWriter.EndAsync(cancellationToken);
                await paymentWriter.BeginAsync(transaction, cancellationToken);
                foreach (var generated in slice)
                {
                    for (var i = 0; i < generated.Payments.Count; i++)
                    {
                        await paymentWriter.AddAsync(generated.Payments[i], cancellationToken);
                    }
                }

                await paymentWriter.EndAsync(cancellationToken);
                inTransaction += slice.Length;
            }

            Phase("orders", clock);
            foreach (var (_, create) in indexes)
            {
                await ExecuteAsync(transaction, create, cancellationToken);
            }

            Phase("indexes", clock);
            if (plan.CheckForeignKeysAtEnd)
            {
                await db.Database.CheckForeignKeysAsync(transaction, cancellationToken);
                Phase("foreign key check", clock);
            }

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
    /// previous ones; the generator itself runs sequentially, so the rows stay the same.
    /// </summary>
    private static async IAsyncEnumerable<GeneratedOrder[]> GenerateAheadAsync(
        IEnumerable<GeneratedOrder> orders, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var slices = Channel.CreateBounded<GeneratedOrder[]>(new BoundedChannelOptions(SlicesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var slice in orders.Chunk(OrdersPerSlice))
                {
                    await slices.Writer.WriteAsync(slice, stop.Token);
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
        foreach (var type in SeededTypes.Reverse())
        {
            var entityType = db.Model.FindEntityType(type)!;
            await ExecuteAsync(transaction, $"DELETE FROM {sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema())}", cancellationToken);
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

    private void Phase(string phase, Stopwatch clock)
    {
        logger.LogDebug("Seeding: {Phase} done after {Seconds:F1} s", phase, clock.Elapsed.TotalSeconds);
    }
}
