using AdminPortal.Features.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data.Configurations;

internal sealed class OrderTotalConfiguration : IEntityTypeConfiguration<OrderTotal>
{
    public void Configure(EntityTypeBuilder<OrderTotal> builder)
    {
        builder.ToTable(OrderTotalsSql.Table);
        builder.HasKey(t => new { t.Status, t.Currency });
        builder.Property(t => t.Status).HasConversion<LowerCaseEnumConverter<OrderStatus>>().HasMaxLength(16);
        builder.Property(t => t.Currency).HasConversion<string>().HasMaxLength(3);
        // A sum of up to millions of orders of up to 1,000,000 each.
        builder.Property(t => t.Amount).HasPrecision(18, 2);
    }
}
