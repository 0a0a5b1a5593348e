using AdminPortal.Features.Common;

namespace AdminPortal.Features.Orders;

/// <summary>The life cycle does not allow the requested move; names where the order is and where it may go.</summary>
public sealed class TransitionNotAllowedException(int orderId, OrderStatus current, OrderStatus requested)
    : DomainException($"Order {orderId} is {Display(current)} and cannot become {Display(requested)}.")
{
    public int OrderId { get; } = orderId;
    public OrderStatus Current { get; } = current;
    public OrderStatus Requested { get; } = requested;
    public IReadOnlyList<OrderStatus> Allowed { get; } = OrderLifecycle.AllowedFrom(current);

    private static string Display(OrderStatus status) => status.ToString().ToLowerInvariant();
}
