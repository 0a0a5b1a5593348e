using AdminPortal.Features.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data.Configurations;

internal sealed class OrderStatusChangeConfiguration : IEntityTypeConfiguration<OrderStatusChange>
{
    public const int ChangedByMaxLength = 256;

    public void Configure(EntityTypeBuilder<OrderStatusChange> builder)
    {
        builder.Property(h => h.From).HasConversion<LowerCaseEnumConverter<OrderStatus>>().HasMaxLength(16);
        builder.Property(h => h.To).HasConversion<LowerCaseEnumConverter<OrderStatus>>().HasMaxLength(16);
        builder.Property(h => h.ChangedBy).HasMaxLength(ChangedByMaxLength).IsRequired();
        builder.Property(h => h.Reason).HasMaxLength(OrderRules.ReasonMaxLength);

        // History is never orphaned: an order with history cannot be deleted.
        builder.HasOne<Order>().WithMany(o => o.History).HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.OrderId, h.Id });
    }
}
