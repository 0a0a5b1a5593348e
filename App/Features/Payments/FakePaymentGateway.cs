using System.Collections.Concurrent;
using AdminPortal.Features.Common;

namespace AdminPortal.Features.Payments;

/// <summary>
/// The in-process gateway (<c>PaymentGateway:Mode = Fake</c>), deterministic so QA can script every
/// outcome: cents of .51 are declined with <c>card_declined</c>, cents of .52 behave as an
/// unavailable gateway, anything else succeeds with a transaction id <c>fake_&lt;n&gt;</c>. Like a
/// real gateway it answers a repeated idempotency key with its first answer, and refuses a key
/// reused for a different amount.
/// </summary>
public sealed class FakePaymentGateway : IPaymentGateway
{
    public const string DeclineCode = "card_declined";
    public const string UnavailableError = "The payment gateway is unavailable.";
    public const string KeyReusedError = "The idempotency key was already used for a different amount.";

    private readonly ConcurrentDictionary<string, (decimal Amount, GatewayResult Result)> _answered = new(StringComparer.Ordinal);
    private long _transactions;

    public Task<GatewayResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Answer(request.IdempotencyKey, request.Amount));

    public Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Answer(request.IdempotencyKey, request.Amount));

    private GatewayResult Answer(string idempotencyKey, decimal amount)
    {
        var cents = Money.MinorUnits(amount) % 100;
        if (cents == 52)
        {
            // An outage is not remembered: the same attempt may succeed once the gateway is back.
            return GatewayResult.Unavailable(UnavailableError);
        }

        var (answeredAmount, result) = _answered.GetOrAdd(idempotencyKey, _ => (amount, cents == 51
            ? GatewayResult.Declined(DeclineCode)
            : GatewayResult.Success($"fake_{Interlocked.Increment(ref _transactions)}")));
        return answeredAmount == amount ? result : GatewayResult.Unavailable(KeyReusedError);
    }
}
