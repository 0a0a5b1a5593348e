using AdminPortal.Features.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Amount).HasPrecision(9, 2);
        builder.Property(o => o.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(o => o.Status).HasConversion<LowerCaseEnumConverter<OrderStatus>>().HasMaxLength(16);
        builder.Property(o => o.PaymentTransactionId).HasMaxLength(100);
        builder.Property(o => o.Version).IsConcurrencyToken();

        // A user with orders cannot be deleted: the database refuses it too.
        builder.HasOne(o => o.User).WithMany(u => u.Orders).HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Restrict);

        // The orders grid filters by one of status, user or dates and sorts by date, amount or
        // status, ties broken by id; these let it read a page in index order instead of sorting
        // the matches (docs/performance.md has the plans). The dashboard lists the latest by date.
        builder.HasIndex(o => new { o.Status, o.CreatedAt });
        builder.HasIndex(o => new { o.Status, o.Amount });
        // Sorting by status with a date filter checks the date in the index, not in the table.
        builder.HasIndex(o => new { o.Status, o.Id, o.CreatedAt });
        builder.HasIndex(o => new { o.UserId, o.CreatedAt });
        // The customer filter (a name or email prefix) matches many users at once: the page is
        // found by sorting the keys these hold for each sort field, never the orders' rows.
        builder.HasIndex(o => new { o.UserId, o.Amount });
        builder.HasIndex(o => new { o.UserId, o.Status });
        builder.HasIndex(o => o.CreatedAt);
        builder.HasIndex(o => o.Amount);
    }
}
