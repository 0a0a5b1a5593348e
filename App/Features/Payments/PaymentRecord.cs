using AdminPortal.Features.Common;

namespace AdminPortal.Features.Payments;

/// <summary>One charge or refund attempt, recorded whatever its outcome.</summary>
public sealed class PaymentRecord
{
    public long Id { get; set; }
    public int OrderId { get; set; }
    public PaymentKind Kind { get; set; }
    public decimal Amount { get; set; }
    public Currency Currency { get; set; }
    public PaymentStatus Status { get; set; }

    /// <summary>The gateway's transaction id; null when the gateway gave none.</summary>
    public string? TransactionId { get; set; }

    /// <summary>The decline code or failure reason; null on success.</summary>
    public string? Error { get; set; }

    public DateTime At { get; set; }

    /// <summary>
    /// The email of the staff member who asked for the charge or refund, so that an attempt that
    /// failed (which has no history entry) is audited too. Null only on records made before it was kept.
    /// </summary>
    public string? RequestedBy { get; set; }
}

public enum PaymentKind
{
    Charge,
    Refund,
}

public enum PaymentStatus
{
    Succeeded,
    Declined,
    Failed,
}
