using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(u => u.Name).HasMaxLength(UserRules.NameMaxLength).IsRequired();
        builder.Property(u => u.Email).HasMaxLength(UserRules.EmailMaxLength).IsRequired();
        builder.Property(u => u.Status).HasConversion<LowerCaseEnumConverter<UserStatus>>().HasMaxLength(16);
        builder.Property(u => u.Version).IsConcurrencyToken();

        // Emails are stored lower-cased, so this index makes them unique regardless of case.
        builder.HasIndex(u => u.Email).IsUnique();
        // Name search by prefix and sorting by name or creation date run on these.
        builder.HasIndex(u => u.Name);
        builder.HasIndex(u => u.CreatedAt);
        builder.HasIndex(u => new { u.Status, u.Name });
    }
}
