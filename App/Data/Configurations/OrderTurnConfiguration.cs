using AdminPortal.Features.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data.Configurations;

internal sealed class OrderTurnConfiguration : IEntityTypeConfiguration<OrderTurn>
{
    public void Configure(EntityTypeBuilder<OrderTurn> builder)
    {
        // One row per order at most: the key is what makes taking a turn atomic.
        builder.HasKey(t => t.OrderId);
        builder.Property(t => t.OrderId).ValueGeneratedNever();
        builder.Property(t => t.Holder).HasMaxLength(64);
    }
}
