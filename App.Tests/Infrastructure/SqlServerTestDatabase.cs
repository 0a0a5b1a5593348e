using AdminPortal.Data;
using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Testcontainers.MsSql;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A fresh database on a live SQL Server, for the tests that need one. The server is the one the
/// <see cref="EnvironmentVariable"/> connection string names; else one started for the run with
/// Testcontainers where a Docker engine answers; else the tests report themselves skipped, saying
/// which of the two was missing. Each test gets its own database, dropped afterwards.
/// </summary>
public sealed class SqlServerTestDatabase : IDbContextFactory<AppDbContext>, IAsyncDisposable
{
    public const string EnvironmentVariable = "PORTAL_TEST_SQLSERVER";

    public const string Category = "SqlServer";

    // One server for the run, whichever test asks first; it is removed when the test host exits.
    private static readonly Lazy<Task<string>> Server = new(FindServerAsync);

    private readonly DbContextOptions<SqlServerAppDbContext> _options;

    private SqlServerTestDatabase(string connectionString) =>
        _options = new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer(connectionString).Options;

    /// <summary>A new, migrated database on the server; inconclusive (skipped) when there is no server to be had.</summary>
    public static async Task<SqlServerTestDatabase> CreateAsync()
    {
        var csb = new SqlConnectionStringBuilder(await Server.Value) { InitialCatalog = $"portal_test_{Guid.NewGuid():N}" };
        var database = new SqlServerTestDatabase(csb.ConnectionString);
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public AppDbContext CreateDbContext() => new SqlServerAppDbContext(_options);

    public async ValueTask DisposeAsync()
    {
        await using var db = CreateDbContext();
        await db.Database.EnsureDeletedAsync();
    }

    private static async Task<string> FindServerAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return given;
        }

        MsSqlContainer container;
        try
        {
            container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
        }
        catch (DockerUnavailableException e)
        {
            throw new AssertInconclusiveException(
                $"No SQL Server here: {EnvironmentVariable} is not set (e.g. \"Server=localhost,1433;User Id=sa;Password=...;TrustServerCertificate=True\"), " +
                $"and no Docker engine answers for Testcontainers to start one ({e.Message.Split('\n')[0].Trim()}).");
        }

        await container.StartAsync();
        return container.GetConnectionString();
    }
}
