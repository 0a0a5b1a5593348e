using AdminPortal.Features.Audit;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Staff;
using AdminPortal.Features.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Data;

/// <summary>
/// The portal's database. Each provider has a subclass (<see cref="SqliteAppDbContext"/>,
/// <see cref="SqlServerAppDbContext"/>) only so that each keeps its own migrations; everything
/// else depends on this type through <see cref="IDbContextFactory{TContext}"/>.
/// Staff accounts (ASP.NET Core Identity) live in the same database, and so does what every
/// instance of the portal must share: the Data Protection keys, the API tokens' signing key, the
/// orders' turns and the sign-in failures of unknown emails.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>The customers. Hides Identity's <c>Users</c>; staff accounts are <see cref="Staff"/>.</summary>
    public new DbSet<User> Users => Set<User>();

    public DbSet<StaffUser> Staff => Set<StaffUser>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderStatusChange> OrderStatusChanges => Set<OrderStatusChange>();
    public DbSet<PaymentRecord> PaymentRecords => Set<PaymentRecord>();

    /// <summary>Order counts and amounts per status and currency, kept by the database (ADR 004).</summary>
    public DbSet<OrderTotal> OrderTotals => Set<OrderTotal>();

    /// <summary>Who did what: written with the write it describes, never changed (docs/contract.md §3).</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Whose turn it is to move an order, across instances (ADR 006).</summary>
    public DbSet<OrderTurn> OrderTurns => Set<OrderTurn>();

    /// <summary>The Data Protection key ring (cookies, antiforgery tokens, the stored signing key).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredSigningKey> SigningKeys => Set<StoredSigningKey>();

    public DbSet<UnknownAccountFailure> UnknownAccountFailures => Set<UnknownAccountFailure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are UTC everywhere; the stores keep no kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Every write of a versioned entity gets a new version; the original value stays in the
    // UPDATE's WHERE clause, so a writer that read an older version updates no row and fails.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.Version = 1;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
            }
        }
    }
}
