using AdminPortal.Features.Payments;

namespace AdminPortal.TestSupport;

/// <summary>
/// The app's <see cref="FakePaymentGateway"/>, with a memory that starts afresh with each test's
/// database (<see cref="PortalApplication{TSelf}.RestoreDatabase"/>). The fake remembers its answers
/// by idempotency key, and the keys name order ids, which a restored database hands out again: a
/// new test's order #3 must not get the answer the last test's order #3 got.
/// </summary>
public sealed class FreshFakeGateway : IPaymentGateway
{
    private FakePaymentGateway _gateway = new();

    public void Reset() => Interlocked.Exchange(ref _gateway, new FakePaymentGateway());

    public Task<GatewayResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _gateway).ChargeAsync(request, cancellationToken);

    public Task<GatewayResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _gateway).RefundAsync(request, cancellationToken);
}
