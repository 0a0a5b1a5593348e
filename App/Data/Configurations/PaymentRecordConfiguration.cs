using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data.Configurations;

internal sealed class PaymentRecordConfiguration : IEntityTypeConfiguration<PaymentRecord>
{
    public void Configure(EntityTypeBuilder<PaymentRecord> builder)
    {
        builder.Property(p => p.Kind).HasConversion<LowerCaseEnumConverter<PaymentKind>>().HasMaxLength(16);
        builder.Property(p => p.Status).HasConversion<LowerCaseEnumConverter<PaymentStatus>>().HasMaxLength(16);
        builder.Property(p => p.Amount).HasPrecision(9, 2);
        builder.Property(p => p.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(p => p.TransactionId).HasMaxLength(100);
        builder.Property(p => p.Error).HasMaxLength(500);
        builder.Property(p => p.RequestedBy).HasMaxLength(256);

        builder.HasOne<Order>().WithMany(o => o.Payments).HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.OrderId, p.Id });
    }
}
