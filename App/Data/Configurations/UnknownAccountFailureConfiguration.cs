using AdminPortal.Features.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data.Configurations;

internal sealed class UnknownAccountFailureConfiguration : IEntityTypeConfiguration<UnknownAccountFailure>
{
    public void Configure(EntityTypeBuilder<UnknownAccountFailure> builder)
    {
        builder.HasKey(f => f.Email);
        builder.Property(f => f.Email).HasMaxLength(256);
        // Old rows are removed by age.
        builder.HasIndex(f => f.UpdatedAt);
    }
}
