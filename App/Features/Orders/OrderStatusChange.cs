namespace AdminPortal.Features.Orders;

/// <summary>
/// One entry of an order's history: the creation (<see cref="From"/> null, <see cref="To"/> pending)
/// or a status change, written in the same transaction as the change itself.
/// </summary>
public sealed class OrderStatusChange
{
    public long Id { get; set; }
    public int OrderId { get; set; }
    public OrderStatus? From { get; set; }
    public OrderStatus To { get; set; }
    public DateTime At { get; set; }

    /// <summary>The email of the staff member who made the change.</summary>
    public required string ChangedBy { get; set; }

    public string? Reason { get; set; }
}
