namespace AdminPortal.Features.Orders;

public sealed record OrderDto(
    int Id,
    int UserId,
    decimal Amount,
    Currency Currency,
    OrderStatus Status,
    string? PaymentTransactionId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>Where this order may go next, from the one life-cycle table.</summary>
    public IReadOnlyList<OrderStatus> AllowedTransitions => OrderLifecycle.AllowedFrom(Status);

    public static OrderDto From(Order order) => new(
        order.Id, order.UserId, order.Amount, order.Currency, order.Status, order.PaymentTransactionId,
        order.CreatedAt, order.UpdatedAt, order.Version);
}

public sealed record HistoryEntryDto(OrderStatus? From, OrderStatus To, DateTime At, string ChangedBy, string? Reason);

/// <summary>A request to move an order; <see cref="ExpectedVersion"/> is the version the caller saw, if it knows one.</summary>
public sealed record StatusChangeRequest(int OrderId, OrderStatus To, string ChangedBy, string? Reason = null, int? ExpectedVersion = null);
