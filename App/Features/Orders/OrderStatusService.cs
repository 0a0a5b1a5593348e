using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Orders;

/// <summary>
/// Moves orders through the life cycle. The new status, its history entry and, for a paid move,
/// the payment record and transaction id are written in one transaction, or not at all.
/// </summary>
public sealed class OrderStatusService(IDbContextFactory<AppDbContext> contexts, TimeProvider time, IChangeNotifier changes)
{
    /// <summary>
    /// Applies a transition. Transitions with a side effect (a charge or a refund) need the
    /// successful <paramref name="payment"/> that the payment service obtained first.
    /// </summary>
    /// <exception cref="NotFoundException">No such order.</exception>
    /// <exception cref="TransitionNotAllowedException">The life cycle does not allow the move.</exception>
    /// <exception cref="ConcurrencyConflictException">The order changed since <see cref="StatusChangeRequest.ExpectedVersion"/>, or during the write.</exception>
    public async Task<OrderDto> ChangeStatusAsync(StatusChangeRequest request, PaymentRecord? payment = null, CancellationToken cancellationToken = default)
    {
        new ValidationErrors().Add("reason", OrderRules.ValidateReason(request.Reason)).ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == request.OrderId, cancellationToken)
                    ?? throw new NotFoundException("Order", request.OrderId);

        if (request.ExpectedVersion is { } expected && expected != order.Version)
        {
            throw new ConcurrencyConflictException("Order", order.Id);
        }

        if (!OrderLifecycle.CanMove(order.Status, request.To))
        {
            throw new TransitionNotAllowedException(order.Id, order.Status, request.To);
        }

        var effect = OrderLifecycle.EffectOf(order.Status, request.To);
        RequirePayment(effect, payment);

        var now = time.GetUtcNow().UtcDateTime;
        db.OrderStatusChanges.Add(new OrderStatusChange
        {
            OrderId = order.Id,
            From = order.Status,
            To = request.To,
            At = now,
            ChangedBy = request.ChangedBy,
            Reason = OrderRules.NormalizeReason(request.Reason),
        });

        if (payment is not null)
        {
            payment.OrderId = order.Id;
            db.PaymentRecords.Add(payment);
            if (effect == TransitionEffect.Charge)
            {
                order.PaymentTransactionId = payment.TransactionId;
            }
        }

        order.Status = request.To;
        order.UpdatedAt = now;

        try
        {
            // SaveChanges runs in one transaction; the version check in the UPDATE makes a
            // concurrent writer's change win once and fail the other, never overwrite silently.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Order", order.Id);
        }

        changes.Publish(new ChangeEvent(ChangedEntity.Order, order.Id));
        return OrderDto.From(order);
    }

    /// <summary>Records a charge or refund attempt that did not succeed; the order itself is left as it was.</summary>
    public async Task RecordFailedPaymentAsync(int orderId, PaymentRecord payment, CancellationToken cancellationToken = default)
    {
        if (payment.Status == PaymentStatus.Succeeded)
        {
            throw new InvalidOperationException("A successful payment is recorded with its transition.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        payment.OrderId = orderId;
        db.PaymentRecords.Add(payment);
        await db.SaveChangesAsync(cancellationToken);
        changes.Publish(new ChangeEvent(ChangedEntity.Order, orderId));
    }

    private static void RequirePayment(TransitionEffect effect, PaymentRecord? payment)
    {
        var expectedKind = effect switch
        {
            TransitionEffect.Charge => PaymentKind.Charge,
            TransitionEffect.Refund => PaymentKind.Refund,
            _ => (PaymentKind?)null,
        };

        if (expectedKind is null && payment is not null)
        {
            throw new InvalidOperationException("This transition takes no payment.");
        }

        if (expectedKind is { } kind && (payment is null || payment.Kind != kind || payment.Status != PaymentStatus.Succeeded))
        {
            throw new InvalidOperationException($"This transition needs a successful {kind.ToString().ToLowerInvariant()} first.");
        }
    }
}
