using System.Collections.Concurrent;

namespace AdminPortal.Features.Payments;

/// <summary>
/// The in-process gateway (<c>PaymentGateway:Mode = Fake</c>), deterministic so QA can script every
/// outcome: cents of .51 are declined with <c>card_declined</c>, cents of .52 behave as an
/// unavailable gateway, anything else succeeds with a transaction id <c>fake_&lt;n&gt;</c>. Like a
/// real gateway it answers a repeated idempotency key with its first answer.
/// </summary>
public sealed class FakePaymentGateway : IPaymentGateway
{
    public const string DeclineCode = "card_declined";
    public const string UnavailableError = "The payment gateway is unavailable.";

    private readonly ConcurrentDictionary<string, GatewayResult> _answered = new(StringComparer.Ordinal);
    private long _transactions;

    public Task<GatewayResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Answer(request.IdempotencyKey, request.Amount));

    public Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Answer(request.IdempotencyKey, request.Amount));

    private GatewayResult Answer(string idempotencyKey, decimal amount)
    {
        var cents = (int)(decimal.Truncate(amount * 100m) % 100m);
        if (cents == 52)
        {
            // An outage is not remembered: the same attempt may succeed once the gateway is back.
            return GatewayResult.Unavailable(UnavailableError);
        }

        return _answered.GetOrAdd(idempotencyKey, _ => cents == 51
            ? GatewayResult.Declined(DeclineCode)
            : GatewayResult.Success($"fake_{Interlocked.Increment(ref _transactions)}"));
    }
}
