using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Orders;

/// <summary>
/// Every order transition staff ask for, from a page or the API. Moves with a side effect take
/// the payment first (pending → processing charges; processing → cancelled refunds) and move the
/// order only when the gateway succeeded; every attempt becomes a payment record.
/// </summary>
public sealed class OrderTransitionService(
    IDbContextFactory<AppDbContext> contexts,
    OrderStatusService statuses,
    IPaymentGateway gateway,
    TimeProvider time,
    OrderLocks? locks = null)
{
    private readonly OrderLocks _locks = locks ?? OrderLocks.Shared;

    /// <exception cref="PaymentDeclinedException">The gateway declined; the order is unchanged.</exception>
    /// <exception cref="PaymentUnavailableException">The gateway was unavailable; the order is unchanged.</exception>
    public async Task<OrderDto> TransitionAsync(StatusChangeRequest request, CancellationToken cancellationToken = default)
    {
        // Before any payment: a refund must never happen for a move that is then refused.
        new ValidationErrors().Add("reason", OrderRules.ValidateReason(request.Reason)).ThrowIfAny();

        var order = await LoadAsync(request.OrderId, cancellationToken);
        if (!OrderLifecycle.CanMove(order.Status, request.To))
        {
            throw new TransitionNotAllowedException(order.Id, order.Status, request.To);
        }

        // Every move of one order, not only the paid ones, waits its turn: a cancel that slipped in
        // while a charge was at the gateway would leave money taken with no paid order to show for it.
        using var turn = await _locks.EnterAsync(order.Id, cancellationToken);

        // Read again inside the lock: someone may have paid or cancelled while we waited.
        order = await LoadAsync(request.OrderId, cancellationToken);
        if (request.ExpectedVersion is { } expected && expected != order.Version)
        {
            throw new ConcurrencyConflictException("Order", order.Id);
        }

        if (!OrderLifecycle.CanMove(order.Status, request.To))
        {
            throw new TransitionNotAllowedException(order.Id, order.Status, request.To);
        }

        var effect = OrderLifecycle.EffectOf(order.Status, request.To);
        if (effect == TransitionEffect.None)
        {
            return await statuses.ChangeStatusAsync(request with { ExpectedVersion = order.Version }, cancellationToken: cancellationToken);
        }

        var kind = effect == TransitionEffect.Charge ? PaymentKind.Charge : PaymentKind.Refund;
        var key = IdempotencyKey(order, kind);
        var result = kind == PaymentKind.Charge
            ? await gateway.ChargeAsync(new ChargeRequest(order.Id, order.UserId, order.Amount, order.Currency, key), cancellationToken)
            : await gateway.RefundAsync(new RefundRequest(order.Id, order.PaymentTransactionId ?? "", order.Amount, order.Currency, key), cancellationToken);

        var record = new PaymentRecord
        {
            Kind = kind,
            Amount = order.Amount,
            Currency = order.Currency,
            Status = result.Outcome switch
            {
                GatewayOutcome.Succeeded => PaymentStatus.Succeeded,
                GatewayOutcome.Declined => PaymentStatus.Declined,
                _ => PaymentStatus.Failed,
            },
            TransactionId = result.TransactionId,
            Error = result.Outcome == GatewayOutcome.Succeeded ? null : result.DeclineCode ?? result.Error,
            At = time.GetUtcNow().UtcDateTime,
            RequestedBy = request.ChangedBy,
        };

        // Money has moved (or been refused) at the gateway: the record is written even when the
        // caller has gone away meanwhile, so no charge is ever left without its record.
        if (result.Outcome == GatewayOutcome.Succeeded)
        {
            return await statuses.ChangeStatusAsync(request with { ExpectedVersion = order.Version }, record, CancellationToken.None);
        }

        await statuses.RecordFailedPaymentAsync(order.Id, record, CancellationToken.None);
        throw result.Outcome == GatewayOutcome.Declined
            ? new PaymentDeclinedException(order.Id, kind, result.DeclineCode ?? "declined")
            : new PaymentUnavailableException(order.Id, kind);
    }

    /// <summary>
    /// The gateway's idempotency key for the next attempt. Unique across databases (the creation
    /// time tells a re-used id apart) and the same for simultaneous attempts on one order, which the
    /// gateway then charges once. A failed attempt (unavailable, timed out) may still have reached
    /// the gateway, so the next attempt keeps its key and the gateway answers it with what it did;
    /// only an answered attempt (succeeded or declined) moves the number on. The amount is part of
    /// the key, so a pending order whose amount was corrected is a new request, not a reused key.
    /// </summary>
    private static string IdempotencyKey(OrderSnapshot order, PaymentKind kind) =>
        $"order-{order.Id}-{order.CreatedAt.Ticks}-{kind.ToString().ToLowerInvariant()}-{order.AnsweredAttempts + 1}-{Money.MinorUnits(order.Amount)}{order.Currency}";

    private async Task<OrderSnapshot> LoadAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking()
                   .Where(o => o.Id == id)
                   .Select(o => new OrderSnapshot(o.Id, o.UserId, o.Amount, o.Currency, o.Status, o.PaymentTransactionId, o.Version, o.Payments.Count(p => p.Status != PaymentStatus.Failed), o.CreatedAt))
                   .FirstOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException("Order", id);
    }

    private sealed record OrderSnapshot(
        int Id, int UserId, decimal Amount, Currency Currency, OrderStatus Status, string? PaymentTransactionId, int Version, int AnsweredAttempts, DateTime CreatedAt);
}
