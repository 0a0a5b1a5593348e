using System.Collections.Concurrent;
using AdminPortal.Features.Payments;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A hand-written gateway that remembers every request and answers as the test says: success with
/// a transaction id <c>ch_&lt;n&gt;</c> unless <see cref="ChargeAnswer"/> or <see cref="RefundAnswer"/>
/// say otherwise. <see cref="Hold"/> keeps calls waiting until the test lets them go, to observe a
/// page or a service while a payment is in flight.
/// </summary>
public sealed class RecordingPaymentGateway : IPaymentGateway
{
    private readonly ConcurrentQueue<ChargeRequest> _charges = new();
    private readonly ConcurrentQueue<RefundRequest> _refunds = new();
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _transactions;

    public IReadOnlyList<ChargeRequest> Charges => [.. _charges];

    public IReadOnlyList<RefundRequest> Refunds => [.. _refunds];

    /// <summary>The answer to every charge; null means success.</summary>
    public GatewayResult? ChargeAnswer { get; set; }

    /// <summary>The answer to every refund; null means success.</summary>
    public GatewayResult? RefundAnswer { get; set; }

    /// <summary>When set, every call waits for it before answering.</summary>
    public Task? Hold { get; set; }

    /// <summary>Completes when the first call arrives.</summary>
    public Task Entered => _entered.Task;

    public async Task<GatewayResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default)
    {
        _charges.Enqueue(request);
        await WaitAsync();
        return ChargeAnswer ?? GatewayResult.Success($"ch_{Interlocked.Increment(ref _transactions)}");
    }

    public async Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        _refunds.Enqueue(request);
        await WaitAsync();
        return RefundAnswer ?? GatewayResult.Success($"re_{Interlocked.Increment(ref _transactions)}");
    }

    private async Task WaitAsync()
    {
        _entered.TrySetResult();

        // A real gateway answers later, never inline: let a competing caller run meanwhile.
        await Task.Yield();
        if (Hold is { } hold)
        {
            await hold;
        }
    }
}
