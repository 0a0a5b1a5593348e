using AdminPortal.Features.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data.Configurations;

internal sealed class StoredSigningKeyConfiguration : IEntityTypeConfiguration<StoredSigningKey>
{
    public void Configure(EntityTypeBuilder<StoredSigningKey> builder)
    {
        builder.ToTable("SigningKeys");
        // The first instance to insert wins; the others read its key.
        builder.HasKey(k => k.Purpose);
        builder.Property(k => k.Purpose).HasMaxLength(64);
        builder.Property(k => k.ProtectedKey).HasMaxLength(2000);
    }
}
