using AdminPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.Entity).HasMaxLength(16);
        builder.Property(e => e.EntityId).HasMaxLength(64);

        // Newest first, alone or under each filter the audit page offers: each reads its range in
        // index order instead of sorting the matches.
        builder.HasIndex(e => new { e.At, e.Id });
        builder.HasIndex(e => new { e.Actor, e.At });
        builder.HasIndex(e => new { e.Action, e.At });
        builder.HasIndex(e => new { e.Entity, e.EntityId, e.At });
    }
}
