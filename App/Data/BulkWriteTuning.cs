using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace AdminPortal.Data;

/// <summary>
/// How a provider takes a bulk load (the seed command) fastest while the result stays exactly what
/// row-by-row EF writes would give. The SQLite choices are measured (a million orders, see the seeding
/// notes in the repository history); SQL Server keeps the conservative path: modest transactions,
/// indexes and constraints live throughout.
/// </summary>
internal sealed record BulkLoadPlan(
    // Orders (with their history and payments) per transaction; int.MaxValue: the whole load in one.
    int OrdersPerTransaction,
    // Drop the secondary indexes of the loaded tables first and build them again from the EF model
    // at the end, in the same transaction: sorting once is far cheaper than a million random inserts.
    bool RebuildIndexes,
    // Load with foreign-key enforcement off and check every foreign key before committing instead.
    bool CheckForeignKeysAtEnd);

internal static class BulkWriteTuning
{
    /// <summary>
    /// Rows per multi-row INSERT on SQLite. Microsoft.Data.Sqlite binds each parameter by looking its
    /// name up in the statement (a linear search), so wide statements cost quadratically; very narrow
    /// ones pay the per-statement overhead (AUTOINCREMENT bookkeeping, cursor set-up) per row.
    /// </summary>
    private const int SqliteRowsPerCommand = 4;

    // SQL Server allows 2,100 parameters per command and 1,000 rows per VALUES list.
    private const int SqlServerMaxParameters = 2000;
    private const int SqlServerMaxRows = 500;

    public static BulkLoadPlan PlanBulkLoad(this DatabaseFacade database) => database.IsSqlite()
        ? new BulkLoadPlan(OrdersPerTransaction: int.MaxValue, RebuildIndexes: true, CheckForeignKeysAtEnd: true)
        : new BulkLoadPlan(OrdersPerTransaction: 50_000, RebuildIndexes: false, CheckForeignKeysAtEnd: false);

    /// <summary>Rows per multi-row INSERT into a table of <paramref name="columns"/> columns.</summary>
    public static int BulkInsertRowsPerCommand(this DatabaseFacade database, int columns)
    {
        var env = Environment.GetEnvironmentVariable("SEED_ROWS");
        if (env is not null)
        {
            return Math.Max(1, Math.Min(int.Parse(env, CultureInfo.InvariantCulture), SqlServerMaxParameters / columns));
        }

        return database.IsSqlite()
            ? SqliteRowsPerCommand
            : Math.Max(1, Math.Min(SqlServerMaxRows, SqlServerMaxParameters / columns));
    }

    /// <summary>
    /// Provider settings for a bulk load on an open connection, outside any transaction: for SQLite a
    /// large page cache (index pages stay in memory), no fsync per commit (a crash mid-seed just
    /// means seeding again; WAL keeps the file consistent) and, when
    /// <paramref name="plan"/> says so, foreign keys off (checked by <see cref="CheckForeignKeysAsync"/>).
    /// Dispose the result to put the connection's previous settings back: the connection returns to
    /// a pool and must not keep serving the app without fsync or foreign keys.
    /// </summary>
    public static async Task<IAsyncDisposable> TuneForBulkWritesAsync(this DatabaseFacade database, BulkLoadPlan plan, CancellationToken cancellationToken)
    {
        if (!database.IsSqlite())
        {
            return NothingToRestore.Instance;
        }

        var connection = database.GetDbConnection();
        var settings = new List<(string Pragma, long Bulk)>
        {
            ("synchronous", 0),
            ("cache_size", -524_288), // KiB: 512 MiB
        };
        if (plan.CheckForeignKeysAtEnd)
        {
            settings.Add(("foreign_keys", 0));
        }

        var restore = new SqlitePragmas(connection);
        foreach (var (pragma, bulk) in settings)
        {
            await restore.SetAsync(pragma, bulk, cancellationToken);
        }

        return restore;
    }

    /// <summary>
    /// Fails (so the caller's transaction rolls back) if any row anywhere in the database breaks a
    /// foreign key: the check that enforcement would have made row by row, made once.
    /// </summary>
    public static async Task CheckForeignKeysAsync(this DatabaseFacade database, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (!database.IsSqlite())
        {
            return;
        }

        await using var command = database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA foreign_key_check;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Bulk load refused: row {reader.GetValue(1)} of {reader.GetString(0)} references a missing row of {reader.GetString(2)}."));
        }
    }

    /// <summary>
    /// The secondary indexes the EF model declares on <paramref name="entityTypes"/>' tables, with
    /// the SQL to drop and to create each, generated by the provider's migrations SQL generator from
    /// the design-time model: exactly what the migrations create.
    /// </summary>
    public static IReadOnlyList<(string Drop, string Create)> ModelIndexes(this DbContext context, IEnumerable<Type> entityTypes)
    {
        var model = context.GetService<IDesignTimeModel>().Model;
        var generator = context.GetService<IMigrationsSqlGenerator>();
        var indexes = entityTypes
            .Select(t => model.FindEntityType(t) ?? throw new InvalidOperationException($"{t.Name} is not in the model."))
            .SelectMany(e => e.GetTableMappings().Select(m => m.Table))
            .Distinct()
            .SelectMany(t => t.Indexes)
            .ToList();
        return indexes
            .Select(index => (
                Sql(generator, model, new DropIndexOperation { Name = index.Name, Table = index.Table.Name, Schema = index.Table.Schema }),
                Sql(generator, model, CreateIndexOperation.CreateFrom(index))))
            .ToList();
    }

    private static string Sql(IMigrationsSqlGenerator generator, IModel model, MigrationOperation operation) =>
        string.Concat(generator.Generate([operation], model).Select(c => c.CommandText));

    private sealed class NothingToRestore : IAsyncDisposable
    {
        public static readonly NothingToRestore Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Sets SQLite pragmas on a connection and puts the values it found back when disposed.</summary>
    private sealed class SqlitePragmas(DbConnection connection) : IAsyncDisposable
    {
        private readonly Stack<(string Pragma, long Value)> _previous = new();

        public async Task SetAsync(string pragma, long value, CancellationToken cancellationToken)
        {
            var previous = Convert.ToInt64(await ExecuteAsync($"PRAGMA {pragma};", cancellationToken), CultureInfo.InvariantCulture);
            _previous.Push((pragma, previous));
            await ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"PRAGMA {pragma}={value};"), cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            while (_previous.TryPop(out var setting))
            {
                await ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"PRAGMA {setting.Pragma}={setting.Value};"), CancellationToken.None);
            }
        }

        private async Task<object?> ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken);
        }
    }
}
