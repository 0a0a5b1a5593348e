using AdminPortal.Features.Common;

namespace AdminPortal.Features.Payments;

/// <summary>The external payment gateway (docs/contract.md §8). Implementations never throw for a decline or an outage: they say so.</summary>
public interface IPaymentGateway
{
    Task<GatewayResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default);

    Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// A charge for an order. <see cref="IdempotencyKey"/> is the same for every retry of one attempt,
/// so the gateway charges at most once per key.
/// </summary>
public sealed record ChargeRequest(int OrderId, int UserId, decimal Amount, Currency Currency, string IdempotencyKey);

public sealed record RefundRequest(int OrderId, string TransactionId, decimal Amount, Currency Currency, string IdempotencyKey);

public enum GatewayOutcome
{
    Succeeded,

    /// <summary>The gateway answered no (for a charge, with a decline code such as card_declined).</summary>
    Declined,

    /// <summary>The gateway could not be reached or failed; nothing was charged or refunded.</summary>
    Unavailable,
}

public sealed record GatewayResult(GatewayOutcome Outcome, string? TransactionId = null, string? DeclineCode = null, string? Error = null)
{
    public static GatewayResult Success(string transactionId) => new(GatewayOutcome.Succeeded, transactionId);

    public static GatewayResult Declined(string code) => new(GatewayOutcome.Declined, DeclineCode: code, Error: code);

    public static GatewayResult Unavailable(string error) => new(GatewayOutcome.Unavailable, Error: error);
}
