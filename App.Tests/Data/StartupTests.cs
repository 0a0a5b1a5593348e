using AdminPortal.Data;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Data;

[TestClass]
public sealed class StartupTests
{
    [TestMethod]
    public async Task Start_up_migrates_an_empty_database_switches_it_to_wal_and_seeds_demo_data_when_asked()
    {
        await using var portal = new PortalFactory().With("Seed:Demo", "true");

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.IsEmpty(await db.Database.GetPendingMigrationsAsync());
        Assert.AreEqual(SeedOptions.DemoUsers, await db.Users.CountAsync());
        Assert.AreEqual(SeedOptions.DemoOrders, await db.Orders.CountAsync());
        Assert.AreEqual("wal", await Pragma(portal.DatabasePath, "journal_mode"));
    }

    [TestMethod]
    public async Task Demo_data_is_not_seeded_unless_asked()
    {
        await using var portal = new PortalFactory();

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.AreEqual(0, await db.Users.CountAsync());
    }

    [TestMethod]
    public async Task Demo_data_is_not_added_to_a_database_that_has_users()
    {
        await using var first = new PortalFactory();
        await first.Services.GetRequiredService<UsersService>().CreateAsync("Only User", "only@example.com", "agent@example.com");

        // A second start on the same file, now with demo seeding on, must leave it alone.
        await using var second = new PortalFactory().With("Seed:Demo", "true").With("ConnectionStrings:Default", $"Data Source={first.DatabasePath}");
        await using var db = await second.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.AreEqual(1, await db.Users.CountAsync());
        Assert.AreEqual(0, await db.Orders.CountAsync());
    }

    [TestMethod]
    [DataRow("false")]
    [DataRow("true")]
    public async Task Foreign_keys_full_sync_and_the_busy_wait_are_on_for_the_app_connections_even_after_a_bulk_load(string demo)
    {
        // The bulk load turns foreign keys and fsync off on its pooled connection; they must come back.
        await using var portal = new PortalFactory().With("Seed:Demo", demo);
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

        for (var i = 0; i < 3; i++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA foreign_keys;";
            Assert.AreEqual(1L, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA synchronous;";
            Assert.AreEqual(2L, await command.ExecuteScalarAsync(), "FULL");
            // SQLite waits for the writer ahead itself, as long as the command may take.
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.AreEqual(30_000L, await command.ExecuteScalarAsync(), "busy_timeout in milliseconds");
            command.CommandText = "PRAGMA database_list;";
            await using var reader = await command.ExecuteReaderAsync();
            var attached = new List<string>();
            while (await reader.ReadAsync())
            {
                attached.Add(reader.GetString(1));
            }

            // "temp" is SQLite's own, listed once a statement has opened it (a migration's
            // table rebuild does); only an attached staging database would be a leak.
            CollectionAssert.AreEqual(new[] { "main" }, attached.Where(name => name != "temp").ToArray(), "no staging database stays attached");
        }
    }

    [TestMethod]
    public void A_relative_sqlite_file_is_resolved_against_the_content_root()
    {
        var resolved = DatabaseExtensions.ResolveSqlitePath("Data Source=data/portal.db", "/srv/portal");

        Assert.AreEqual("/srv/portal/data/portal.db", new SqliteConnectionStringBuilder(resolved).DataSource);
        Assert.AreEqual("Data Source=:memory:", DatabaseExtensions.ResolveSqlitePath("Data Source=:memory:", "/srv/portal"));
    }

    private static async Task<string?> Pragma(string path, string name)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (string?)await command.ExecuteScalarAsync();
    }
}
