using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Data;

/// <summary>
/// How a provider takes a bulk load (the seed command) fastest while the result stays exactly what
/// row-by-row EF writes would give. The SQLite choices were measured with 100,000 users and a
/// million orders; SQL Server keeps the conservative path: modest transactions, indexes and
/// constraints live throughout.
/// </summary>
internal sealed record BulkLoadPlan(
    // Orders (with their history and payments) per transaction; int.MaxValue: the whole load in one.
    int OrdersPerTransaction,
    // Drop the secondary indexes of the loaded tables first and build them again from the EF model
    // at the end, in the same transaction: sorting once is far cheaper than a million random inserts.
    bool RebuildIndexes,
    // Load with foreign-key enforcement off and check every foreign key before committing instead.
    bool CheckForeignKeysAtEnd,
    // Let the generating thread write the history entries into a staging database of its own
    // (SQLite takes one writer per database file), copied in with one INSERT ... SELECT at the end:
    // binding parameters costs far more than SQLite's own copy, and the second core is otherwise idle.
    bool StageHistoryInParallel);

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

    // KiB of page cache for the load's connection (index pages stay in memory) and for the staging
    // database (only ever appended to).
    private const long SqliteBulkCacheKiB = 512 * 1024;
    private const long SqliteStagingCacheKiB = 64 * 1024;

    public static BulkLoadPlan PlanBulkLoad(this DatabaseFacade database) => database.IsSqlite()
        ? new BulkLoadPlan(OrdersPerTransaction: int.MaxValue, RebuildIndexes: true, CheckForeignKeysAtEnd: true, StageHistoryInParallel: true)
        : new BulkLoadPlan(OrdersPerTransaction: 50_000, RebuildIndexes: false, CheckForeignKeysAtEnd: false, StageHistoryInParallel: false);

    /// <summary>Rows per multi-row INSERT into a table of <paramref name="columns"/> columns.</summary>
    public static int BulkInsertRowsPerCommand(this DatabaseFacade database, int columns) => database.IsSqlite()
        ? SqliteRowsPerCommand
        : Math.Max(1, Math.Min(SqlServerMaxRows, SqlServerMaxParameters / columns));

    /// <summary>
    /// Provider settings for a bulk load on an open connection, outside any transaction: for SQLite a
    /// large page cache, no fsync per commit (a crash mid-seed just means seeding again; WAL keeps
    /// the file consistent) and, when <paramref name="plan"/> says so, foreign keys off (checked by
    /// <see cref="CheckForeignKeysAsync"/> instead; off also lets SQLite empty a table without
    /// visiting its rows). Dispose the result to put the connection's previous settings back: the
    /// connection returns to a pool and must not keep serving the app without fsync or foreign keys.
    /// </summary>
    public static async Task<IAsyncDisposable> TuneForBulkWritesAsync(this DatabaseFacade database, BulkLoadPlan plan, CancellationToken cancellationToken)
    {
        if (!database.IsSqlite())
        {
            return NothingToRestore.Instance;
        }

        var settings = new SqlitePragmas(database.GetDbConnection());
        try
        {
            await settings.SetAsync("synchronous", 0, cancellationToken);
            await settings.SetAsync("cache_size", -SqliteBulkCacheKiB, cancellationToken);
            if (plan.CheckForeignKeysAtEnd)
            {
                await settings.SetAsync("foreign_keys", 0, cancellationToken);
            }

            return settings;
        }
        catch
        {
            await settings.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Begins a bulk load's transaction. On SQLite a deferred one: an immediate one would also lock
    /// the attached staging database, which another connection writes meanwhile.
    /// </summary>
    public static async Task<DbTransaction> BeginBulkTransactionAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        database.GetDbConnection() is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await database.GetDbConnection().BeginTransactionAsync(cancellationToken);

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
        command.CommandText = "PRAGMA main.foreign_key_check;";
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
        return entityTypes
            .Select(t => model.FindEntityType(t) ?? throw new InvalidOperationException($"{t.Name} is not in the model."))
            .SelectMany(e => e.GetTableMappings().Select(m => m.Table))
            .Distinct()
            .SelectMany(t => t.Indexes)
            .Select(index => (
                Sql(generator, model, new DropIndexOperation { Name = index.Name, Table = index.Table.Name, Schema = index.Table.Schema }),
                Sql(generator, model, CreateIndexOperation.CreateFrom(index))))
            .ToList();
    }

    /// <summary>
    /// Creates a staging database (a temporary SQLite file) holding empty copies of
    /// <paramref name="entityTypes"/>' tables, attached to the context's open connection (call
    /// outside any transaction), with a connection of its own for another thread to write through.
    /// </summary>
    public static async Task<SqliteStaging> OpenStagingAsync(this DbContext context, IEnumerable<Type> entityTypes, CancellationToken cancellationToken)
    {
        var staging = new SqliteStaging(context, Path.Combine(Path.GetTempPath(), $"portal-seed-staging-{Guid.NewGuid():N}.db"));
        try
        {
            await staging.OpenAsync(entityTypes, cancellationToken);
            return staging;
        }
        catch
        {
            await staging.DisposeAsync();
            throw;
        }
    }

    private static string Sql(IMigrationsSqlGenerator generator, IModel model, MigrationOperation operation) =>
        string.Concat(generator.Generate([operation], model).Select(c => c.CommandText));

    private static async Task<object?> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// See <see cref="OpenStagingAsync"/>. Disposing closes, detaches and deletes it; dispose after
    /// the main connection's transaction has ended.
    /// </summary>
    internal sealed class SqliteStaging(DbContext context, string path) : IAsyncDisposable
    {
        private const string Alias = "seed_staging";
        private readonly DbConnection _main = context.Database.GetDbConnection();
        private readonly ISqlGenerationHelper _sql = context.GetService<ISqlGenerationHelper>();
        private bool _attached;

        /// <summary>The staging database's own connection.</summary>
        public DbConnection Connection { get; } = CreateConnection(context.Database.GetDbConnection(), path);

        public async Task OpenAsync(IEnumerable<Type> entityTypes, CancellationToken cancellationToken)
        {
            await using (var attach = _main.CreateCommand())
            {
                attach.CommandText = $"ATTACH DATABASE @path AS {Alias};";
                var parameter = attach.CreateParameter();
                parameter.ParameterName = "@path";
                parameter.Value = path;
                attach.Parameters.Add(parameter);
                await attach.ExecuteNonQueryAsync(cancellationToken);
                _attached = true;
            }

            // Same columns, in the same order and with the same affinities, without constraints.
            foreach (var type in entityTypes)
            {
                var table = Table(type);
                await ExecuteAsync(_main, null, $"CREATE TABLE {Qualified(Alias, table)} AS SELECT * FROM {Qualified("main", table)} WHERE 0;", cancellationToken);
            }

            await Connection.OpenAsync(cancellationToken);
            await ExecuteAsync(Connection, null, string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-{SqliteStagingCacheKiB};"), cancellationToken);
        }

        /// <summary>Copies the staged rows of <typeparamref name="TEntity"/> into the real table.</summary>
        public async Task CopyAsync<TEntity>(DbTransaction transaction, CancellationToken cancellationToken)
        {
            var table = Table(typeof(TEntity));
            await ExecuteAsync(_main, transaction, $"INSERT INTO {Qualified("main", table)} SELECT * FROM {Qualified(Alias, table)};", cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Connection.DisposeAsync();
                if (_attached)
                {
                    await ExecuteAsync(_main, null, $"DETACH DATABASE {Alias};", CancellationToken.None);
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        // SQLite's attached databases act as schemas, which EF's SQLite SQL helper leaves out.
        private string Qualified(string database, string table) => $"{_sql.DelimitIdentifier(database)}.{_sql.DelimitIdentifier(table)}";

        private string Table(Type type) =>
            (context.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.")).GetTableName()!;

        private static DbConnection CreateConnection(DbConnection main, string path)
        {
            var factory = DbProviderFactories.GetFactory(main)!;
            var settings = factory.CreateConnectionStringBuilder()!;
            settings["Data Source"] = path;
            settings["Pooling"] = false;
            var connection = factory.CreateConnection()!;
            connection.ConnectionString = settings.ConnectionString;
            return connection;
        }
    }

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
            var previous = Convert.ToInt64(await ExecuteAsync(connection, null, $"PRAGMA {pragma};", cancellationToken), CultureInfo.InvariantCulture);
            _previous.Push((pragma, previous));
            await ExecuteAsync(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA {pragma}={value};"), cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            while (_previous.TryPop(out var setting))
            {
                await ExecuteAsync(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA {setting.Pragma}={setting.Value};"), CancellationToken.None);
            }
        }
    }
}
