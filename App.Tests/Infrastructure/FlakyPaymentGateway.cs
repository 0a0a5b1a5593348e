using System.Collections.Concurrent;
using AdminPortal.Features.Payments;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A gateway that fails like a real one under load, by a seeded die: it succeeds, declines or is
/// unavailable at random, and answers some calls only after others. Like a real gateway it keeps
/// the first answer of an idempotency key (an outage is not kept) and it charges money only on a
/// success, so <see cref="Captured"/> is what customers actually paid, per order.
/// </summary>
public sealed class FlakyPaymentGateway(int seed) : IPaymentGateway
{
    private readonly Random _die = new(seed);
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, GatewayResult> _answered = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(int OrderId, PaymentKind Kind, string Key, GatewayResult Result)> _calls = new();
    private int _transactions;

    /// <summary>Every call with its answer.</summary>
    public IReadOnlyList<(int OrderId, PaymentKind Kind, string Key, GatewayResult Result)> Calls => [.. _calls];

    /// <summary>Distinct successful operations per order and kind: a repeated key moves no more money.</summary>
    public int Captured(int orderId, PaymentKind kind) =>
        Calls.Where(c => c.OrderId == orderId && c.Kind == kind && c.Result.Outcome == GatewayOutcome.Succeeded).Select(c => c.Key).Distinct().Count();

    public Task<GatewayResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default) =>
        AnswerAsync(request.OrderId, PaymentKind.Charge, request.IdempotencyKey, "ch");

    public Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) =>
        AnswerAsync(request.OrderId, PaymentKind.Refund, request.IdempotencyKey, "re");

    private async Task<GatewayResult> AnswerAsync(int orderId, PaymentKind kind, string key, string prefix)
    {
        int roll, pause;
        lock (_lock)
        {
            roll = _die.Next(100);
            pause = _die.Next(3);
        }

        // A real gateway answers later, and not in the order it was asked.
        for (var i = 0; i < pause; i++)
        {
            await Task.Yield();
        }

        var result = roll < 30
            ? GatewayResult.Unavailable("flaky: gateway unavailable")
            : _answered.GetOrAdd(key, _ => roll < 50
                ? GatewayResult.Declined("flaky_declined")
                : GatewayResult.Success($"{prefix}_{Interlocked.Increment(ref _transactions)}"));
        _calls.Enqueue((orderId, kind, key, result));
        return result;
    }
}
