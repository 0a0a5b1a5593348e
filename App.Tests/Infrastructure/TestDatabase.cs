using System.Collections.Concurrent;
using AdminPortal.Data;
using AdminPortal.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A real SQLite database brought up to date with the real migrations: a file in its own temporary
/// folder, or (<see cref="CreateInMemoryAsync"/>) a database in memory. Each test makes its own, so
/// tests never see each other's rows.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<AppDbContext>, IAsyncDisposable
{
    // The migrations run once per test run, into a template; each test gets a copy of the file
    // (a fraction of a millisecond, where migrating took tens of milliseconds per test).
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    // The in-memory databases' source: the template in rollback-journal mode, which many readers
    // may open at once (opening a WAL file read-only races its recovery: SQLITE_BUSY_RECOVERY).
    private static readonly Lazy<Task<string>> MemoryTemplate = new(async () =>
    {
        var template = await Template.Value;
        var copy = template + ".memory";
        SqliteFiles.Snapshot(template, copy);
        return copy;
    });

    private readonly TestFolder? _folder;
    private readonly SqliteConnection? _keeper;
    private DbContextOptions<SqliteAppDbContext> _options;

    private TestDatabase(string connectionString, TestFolder? folder = null, SqliteConnection? keeper = null)
    {
        _folder = folder;
        _keeper = keeper;
        _options = Options(connectionString);
    }

    private static DbContextOptions<SqliteAppDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options;

    public static async Task<TestDatabase> CreateAsync()
    {
        var template = await Template.Value;
        var folder = TestFolder.Create();
        var path = folder.File("portal.db");
        File.Copy(template, path);
        return new TestDatabase(FileConnectionString(path), folder);
    }

    /// <summary>
    /// A database in memory with the template's content, for tests that render over the real
    /// services: no file to copy, open or sync per operation. Every context opens its own
    /// connection to it (SQLite's shared cache, pooled), as the app's contexts do to a file; one
    /// connection held open keeps it alive until the test disposes it.
    /// </summary>
    public static async Task<TestDatabase> CreateInMemoryAsync()
    {
        var template = await MemoryTemplate.Value;
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"test-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        var keeper = new SqliteConnection(connectionString);
        await keeper.OpenAsync();
        await using (var source = SqliteFiles.Open(template, SqliteOpenMode.ReadOnly))
        {
            source.BackupDatabase(keeper);
        }

        return new TestDatabase(connectionString, keeper: keeper);
    }

    private static string FileConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    private static async Task<string> CreateTemplateAsync()
    {
        var path = TestFolder.Create().File("template.db");
        await using var db = new TestDatabase(FileConnectionString(path)).CreateDbContext();
        await db.Database.MigrateAsync();
        // Not deleted: the process ends with the test run, and the copies need it until then.
        return path;
    }

    public AppDbContext CreateDbContext() => new SqliteAppDbContext(_options);

    /// <summary>Contexts over this database that add every SQL statement they run to <paramref name="commands"/> (EF's command log).</summary>
    public IDbContextFactory<AppDbContext> LoggingCommandsTo(ConcurrentQueue<string> commands) => new CommandLogging(
        new DbContextOptionsBuilder<SqliteAppDbContext>(_options)
            .LogTo(commands.Enqueue, [RelationalEventId.CommandExecuted])
            .Options);

    private sealed class CommandLogging(DbContextOptions<SqliteAppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new SqliteAppDbContext(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keeper is not null)
        {
            // The pooled connections, this one among them once closed, would keep the database in
            // memory until the run ends.
            await _keeper.DisposeAsync();
            SqliteConnection.ClearPool(_keeper);
            // A context made afterwards finds no database, as over a file whose folder is gone
            // (SQLITE_CANTOPEN): tests of an outage dispose the database under a rendered page.
            _options = Options(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetTempPath(), $"gone-{Guid.NewGuid():N}", "portal.db"), Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        }

        _folder?.Dispose();
    }
}
