using AdminPortal.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Data;

/// <summary>The <c>Seed</c> section (docs/contract.md §5).</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Seed deterministic demo data into an empty database (true in Development).</summary>
    public bool Demo { get; set; }

    public const int DemoUsers = 60;
    public const int DemoOrders = 240;
}

/// <summary>Brings the database up to date at start-up: migrations, SQLite settings, demo data.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AppDbContext> contexts,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<SeedOptions> seedOptions,
    Seeder seeder,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>Migrations (unless disabled), then demo data when <c>Seed:Demo</c> is on and the database is empty.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        if (seedOptions.Value.Demo && !await seeder.HasUsersAsync(cancellationToken))
        {
            await seeder.SeedAsync(SeedOptions.DemoUsers, SeedOptions.DemoOrders, cancellationToken);
        }
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (!databaseOptions.Value.MigrateOnStartup)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            EnsureSqliteFolder(db.Database.GetConnectionString()!);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (every open page) go on while one writer commits; the setting is
            // stored in the database file, so this is needed once per database.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        logger.LogInformation("Database is up to date");
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(csb.DataSource);
        if (csb.Mode == SqliteOpenMode.ReadWriteCreate && !string.IsNullOrEmpty(folder) && Path.IsPathFullyQualified(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
