using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdminPortal.Data;

/// <summary>The SQLite model: migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Search is a case-insensitive prefix match (LIKE), as on SQL Server's default collation.
        // SQLite's LIKE can only walk an index whose collation is NOCASE; with it, a prefix search
        // reads the matching range of the name and email indexes instead of every user (ADR 004).
        modelBuilder.Entity<User>(user =>
        {
            user.Property(u => u.Name).UseCollation("NOCASE");
            user.Property(u => u.Email).UseCollation("NOCASE");
        });
        modelBuilder.Entity<Order>().ToTable(t =>
        {
            t.HasTrigger(OrderTotalsSql.SqliteInsertTrigger);
            t.HasTrigger(OrderTotalsSql.SqliteDeleteTrigger);
            t.HasTrigger(OrderTotalsSql.SqliteUpdateTrigger);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no decimal type: EF would store TEXT, which neither sorts nor sums as a number.
        // Money has at most two decimals, so it is stored exactly as an integer count of cents,
        // rounded as the gateways round it.
        configurationBuilder.Properties<decimal>().HaveConversion<MinorUnitsConverter>();
    }

    private sealed class MinorUnitsConverter() : ValueConverter<decimal, long>(
        value => Money.MinorUnits(value),
        value => Money.FromMinorUnits(value));
}

/// <summary>The SQL Server model: migrations in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // The totals trigger (ADR 004): EF must not use OUTPUT without INTO on a table with triggers.
        modelBuilder.Entity<Order>().ToTable(t => t.HasTrigger(OrderTotalsSql.SqlServerTrigger));
    }
}

// `dotnet ef` builds each provider's model through these, without starting the app.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer("Server=.;Database=AdminPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
