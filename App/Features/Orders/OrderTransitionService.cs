using AdminPortal.Data;
using AdminPortal.Features.Audit;
using AdminPortal.Features.Common;
using AdminPortal.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Orders;

/// <summary>
/// Every move of an order, from a page or the API, and the only way to make one (ADR 005). A move is
/// checked once, in this order: the reason; the order's turn is taken; the order is read once; the
/// life cycle and its version are asked once. A move that needs a payment then asks the gateway
/// (pending → processing charges, processing → cancelled refunds), and the outcome is written once:
/// the new status with its history entry and payment record in one transaction, or, when the
/// gateway did not succeed, the payment record alone, leaving the order as it was.
/// </summary>
public sealed class OrderTransitionService(
    IDbContextFactory<AppDbContext> contexts,
    IOrderTurns turns,
    IPaymentGateway gateway,
    TimeProvider time,
    IChangeNotifier changes)
{
    /// <exception cref="ValidationFailedException">The reason is invalid; nothing was read, charged or written.</exception>
    /// <exception cref="NotFoundException">No such order.</exception>
    /// <exception cref="ConcurrencyConflictException">The order changed since <see cref="StatusChangeRequest.ExpectedVersion"/>, or during the write.</exception>
    /// <exception cref="TransitionNotAllowedException">The life cycle does not allow the move.</exception>
    /// <exception cref="PaymentDeclinedException">The gateway declined; the order is unchanged.</exception>
    /// <exception cref="PaymentUnavailableException">The gateway was unavailable; the order is unchanged.</exception>
    public async Task<OrderDto> TransitionAsync(StatusChangeRequest request, CancellationToken cancellationToken = default)
    {
        // Before anything else: a refund must never happen for a move that is then refused.
        new ValidationErrors().Add("reason", OrderRules.ValidateReason(request.Reason)).ThrowIfAny();

        // Every move of one order waits its turn, not only the paid ones: a cancel that slipped in
        // while a charge was at the gateway would leave money taken with no paid order to show for it.
        await using var turn = await turns.EnterAsync(request.OrderId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (order, answeredAttempts) = await LoadAsync(db, request.OrderId, cancellationToken);
        // A move the life cycle refuses says so even when the caller's version is stale: where the
        // order is now and where it may go tell more than "changed by someone else".
        if (!OrderLifecycle.TryMove(order.Status, request.To, out var payment))
        {
            throw new TransitionNotAllowedException(order.Id, order.Status, request.To);
        }

        if (request.ExpectedVersion is { } expected && expected != order.Version)
        {
            throw new ConcurrencyConflictException("Order", order.Id);
        }

        if (payment is not { } kind)
        {
            return await WriteMoveAsync(db, order, request, record: null, cancellationToken);
        }

        var result = await PayAsync(order, kind, answeredAttempts, cancellationToken);
        var record = Record(order, kind, result, request.ChangedBy);

        // Money has moved (or been refused) at the gateway: the record is written even when the
        // caller has gone away meanwhile, so no charge is ever left without its record.
        if (result.Outcome == GatewayOutcome.Succeeded)
        {
            return await WriteMoveAsync(db, order, request, record, CancellationToken.None);
        }

        db.PaymentRecords.Add(record);
        await SaveAsync(db, order.Id, CancellationToken.None);
        throw result.Outcome == GatewayOutcome.Declined
            ? new PaymentDeclinedException(order.Id, kind, result.DeclineCode ?? "declined")
            : new PaymentUnavailableException(order.Id, kind);
    }

    // The order, tracked for the write, and how many of its payment attempts the gateway answered.
    private static async Task<(Order Order, int AnsweredAttempts)> LoadAsync(AppDbContext db, int id, CancellationToken cancellationToken)
    {
        var loaded = await db.Orders
                         .Where(o => o.Id == id)
                         .Select(o => new { Order = o, Answered = o.Payments.Count(p => p.Status != PaymentStatus.Failed) })
                         .FirstOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("Order", id);
        return (loaded.Order, loaded.Answered);
    }

    private Task<GatewayResult> PayAsync(Order order, PaymentKind kind, int answeredAttempts, CancellationToken cancellationToken)
    {
        var key = IdempotencyKey(order, kind, answeredAttempts);
        return kind == PaymentKind.Charge
            ? gateway.ChargeAsync(new ChargeRequest(order.Id, order.UserId, order.Amount, order.Currency, key), cancellationToken)
            : gateway.RefundAsync(new RefundRequest(order.Id, order.PaymentTransactionId ?? "", order.Amount, order.Currency, key), cancellationToken);
    }

    /// <summary>
    /// The gateway's idempotency key for the next attempt. Unique across databases (the creation
    /// time tells a re-used id apart) and the same for simultaneous attempts on one order, which the
    /// gateway then charges once. A failed attempt (unavailable, timed out) may still have reached
    /// the gateway, so the next attempt keeps its key and the gateway answers it with what it did;
    /// only an answered attempt (succeeded or declined) moves the number on. The amount is part of
    /// the key, so a pending order whose amount was corrected is a new request, not a reused key.
    /// </summary>
    private static string IdempotencyKey(Order order, PaymentKind kind, int answeredAttempts) =>
        $"order-{order.Id}-{order.CreatedAt.Ticks}-{kind.ToString().ToLowerInvariant()}-{answeredAttempts + 1}-{Money.MinorUnits(order.Amount)}{order.Currency}";

    private PaymentRecord Record(Order order, PaymentKind kind, GatewayResult result, string requestedBy) => new()
    {
        OrderId = order.Id,
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
        RequestedBy = requestedBy,
    };

    // The new status, its history entry and, for a paid move, the payment record and transaction id:
    // one SaveChanges, one transaction, all or nothing.
    private async Task<OrderDto> WriteMoveAsync(AppDbContext db, Order order, StatusChangeRequest request, PaymentRecord? record, CancellationToken cancellationToken)
    {
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

        if (record is not null)
        {
            db.PaymentRecords.Add(record);
            if (record.Kind == PaymentKind.Charge)
            {
                order.PaymentTransactionId = record.TransactionId;
            }
        }

        order.Status = request.To;
        order.UpdatedAt = now;
        AuditTrail.Add(db, now, request.ChangedBy, AuditActions.OrderStatusChanged, AuditEntities.Order, order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AuditChanges.Of(db.Entry(order), nameof(Order.Status), nameof(Order.PaymentTransactionId)));
        await SaveAsync(db, order.Id, cancellationToken);
        return OrderDto.From(order);
    }

    private async Task SaveAsync(AppDbContext db, int orderId, CancellationToken cancellationToken)
    {
        try
        {
            // The version check in the UPDATE makes a concurrent writer's change win once and fail
            // the other, never overwrite silently.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Order", orderId);
        }

        // Failed attempts too: open pages show the new payment record.
        changes.Publish(new ChangeEvent(ChangedEntity.Order, orderId));
    }
}
