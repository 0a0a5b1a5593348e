using AdminPortal.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A fresh database on a live SQL Server, for the tests that need one. The server comes from the
/// <see cref="EnvironmentVariable"/> connection string; each test gets its own database, dropped afterwards.
/// </summary>
public sealed class SqlServerTestDatabase : IDbContextFactory<AppDbContext>, IAsyncDisposable
{
    public const string EnvironmentVariable = "PORTAL_TEST_SQLSERVER";

    private readonly DbContextOptions<SqlServerAppDbContext> _options;

    private SqlServerTestDatabase(string connectionString) =>
        _options = new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer(connectionString).Options;

    /// <summary>The server's connection string, or null when none is given (the tests then report themselves skipped).</summary>
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    public static string SkipReason =>
        $"No SQL Server here: set {EnvironmentVariable} to a connection string (for example " +
        "\"Server=localhost,1433;User Id=sa;Password=...;TrustServerCertificate=True\") to run the live SQL Server tests.";

    public static async Task<SqlServerTestDatabase> CreateAsync(string serverConnectionString)
    {
        var csb = new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = $"portal_test_{Guid.NewGuid():N}" };
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
}
