using AdminPortal.Features.Common;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;

namespace AdminPortal.Features.Orders;

public sealed class Order : IVersioned
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public decimal Amount { get; set; }
    public Currency Currency { get; set; } = Currency.USD;
    public OrderStatus Status { get; set; } = OrderStatus.Pending;

    /// <summary>The gateway's id of the successful charge; null until the order is paid.</summary>
    public string? PaymentTransactionId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<OrderStatusChange> History { get; } = [];
    public List<PaymentRecord> Payments { get; } = [];
}

public enum OrderStatus
{
    Pending,
    Processing,
    Shipped,
    Delivered,
    Cancelled,
}
