using System.Data.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Data.Seeding;

/// <summary>Writes generated data into the configured database in large batched transactions.</summary>
public sealed class Seeder(IDbContextFactory<AppDbContext> contexts, ILogger<Seeder> logger)
{
    // Rows per transaction: large enough that commits are rare, small enough to keep the journal modest.
    private const int OrdersPerTransaction = 50_000;

    public async Task<bool> HasUsersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>Deletes every user, order, history entry and payment record (staff accounts stay).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.PaymentRecords.ExecuteDeleteAsync(cancellationToken);
        await db.OrderStatusChanges.ExecuteDeleteAsync(cancellationToken);
        await db.Orders.ExecuteDeleteAsync(cancellationToken);
        await db.Users.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Inserts <paramref name="users"/> users and <paramref name="orders"/> orders into an empty database.</summary>
    public async Task SeedAsync(int users, int orders, CancellationToken cancellationToken)
    {
        var generator = new DataGenerator(users, orders);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.TuneForBulkWritesAsync(cancellationToken);
        try
        {
            await WriteAsync(db, generator, orders, cancellationToken);
        }
        finally
        {
            await db.Database.RestoreAfterBulkWritesAsync();
        }

        logger.LogInformation("Seeded {Users} users and {Orders} orders", users, orders);
    }

    private static async Task WriteAsync(AppDbContext db, DataGenerator generator, int orders, CancellationToken cancellationToken)
    {

        await InTransactionAsync(db, transaction => WriteAllAsync(db, transaction, generator.Users(), cancellationToken), cancellationToken);

        using var generated = generator.Orders().GetEnumerator();
        var written = 0;
        while (written < orders)
        {
            var batch = Math.Min(OrdersPerTransaction, orders - written);
            await InTransactionAsync(db, async transaction =>
            {
                // Each table's writer holds its rows until full; SQL Server allows one IDENTITY_INSERT
                // table per session, so the three tables are written one after the other.
                var slice = new List<GeneratedOrder>(batch);
                for (var i = 0; i < batch && generated.MoveNext(); i++)
                {
                    slice.Add(generated.Current);
                }

                await WriteAllAsync(db, transaction, slice.Select(g => g.Order), cancellationToken);
                await WriteAllAsync(db, transaction, slice.SelectMany(g => g.History), cancellationToken);
                await WriteAllAsync(db, transaction, slice.SelectMany(g => g.Payments), cancellationToken);
            }, cancellationToken);
            written += batch;
        }
    }

    private static async Task WriteAllAsync<T>(AppDbContext db, DbTransaction transaction, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        await using var writer = new BulkWriter<T>(db, transaction);
        await writer.OpenAsync(cancellationToken);
        foreach (var row in rows)
        {
            await writer.AddAsync(row, cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static async Task InTransactionAsync(AppDbContext db, Func<DbTransaction, Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.GetDbConnection().BeginTransactionAsync(cancellationToken);
        await work(transaction);
        await transaction.CommitAsync(cancellationToken);
    }
}
