using System.Collections.Concurrent;
using AdminPortal.Data;
using AdminPortal.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A real SQLite database file in its own temporary folder, brought up to date with the real
/// migrations. Each test makes its own, so tests never see each other's rows.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<AppDbContext>, IAsyncDisposable
{
    // The migrations run once per test run, into a template; each test gets a copy of the file
    // (a fraction of a millisecond, where migrating took tens of milliseconds per test).
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    private readonly TestFolder _folder;
    private readonly DbContextOptions<SqliteAppDbContext> _options;

    private TestDatabase(TestFolder folder)
    {
        _folder = folder;
        Path = folder.File("portal.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        _options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(ConnectionString).Options;
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var template = await Template.Value;
        var database = new TestDatabase(TestFolder.Create());
        File.Copy(template, database.Path);
        return database;
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var template = new TestDatabase(TestFolder.Create());
        await using var db = template.CreateDbContext();
        await db.Database.MigrateAsync();
        // Not deleted: the process ends with the test run, and the copies need it until then.
        return template.Path;
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

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
