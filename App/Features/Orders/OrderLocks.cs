using System.Collections.Concurrent;

namespace AdminPortal.Features.Orders;

/// <summary>
/// The order's turn within this process (one per host, registered as a singleton). Across processes
/// the version check refuses the second writer, and the idempotency key (the order, the kind and the
/// attempt number) makes the gateway charge once for simultaneous attempts.
/// </summary>
internal sealed class OrderLocks : IOrderTurns
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<int, int> _waiting = new();

    /// <summary>Waits for the order's turn; disposing the result lets the next one in.</summary>
    public async Task<IDisposable> EnterAsync(int orderId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(orderId, _ => new SemaphoreSlim(1, 1));
        _waiting.AddOrUpdate(orderId, 1, (_, n) => n + 1);
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        finally
        {
            _waiting.AddOrUpdate(orderId, 0, (_, n) => n - 1);
        }

        return new Turn(gate);
    }

    /// <summary>How many moves of the order are waiting for their turn now (for tests that stage a race).</summary>
    internal int WaitingFor(int orderId) => _waiting.GetValueOrDefault(orderId);

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
