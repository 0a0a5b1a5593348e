using AdminPortal.Features.Common;

namespace AdminPortal.Features.Payments;

/// <summary>The gateway declined the charge or refund; the order is unchanged.</summary>
public sealed class PaymentDeclinedException(int orderId, PaymentKind kind, string declineCode)
    : DomainException($"The {(kind == PaymentKind.Charge ? "payment" : "refund")} was declined ({declineCode}). The order was not changed.")
{
    public int OrderId { get; } = orderId;
    public PaymentKind Kind { get; } = kind;
    public string DeclineCode { get; } = declineCode;
}

/// <summary>The gateway could not be reached; nothing was charged or refunded and the order is unchanged.</summary>
public sealed class PaymentUnavailableException(int orderId, PaymentKind kind)
    : DomainException(kind == PaymentKind.Charge
        ? "The payment service is unavailable, nothing was charged. Try again later."
        : "The payment service is unavailable, nothing was refunded. Try again later.")
{
    public int OrderId { get; } = orderId;
    public PaymentKind Kind { get; } = kind;
}
