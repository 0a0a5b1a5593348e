using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Orders;

/// <summary>Creating and reading orders; every rule about them lives here or in <see cref="OrderLifecycle"/>.</summary>
public sealed class OrdersService(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    /// <summary>Creates a pending order and its first history entry in one transaction.</summary>
    public async Task<OrderDto> CreateAsync(int userId, decimal? amount, string? currency, string createdBy, CancellationToken cancellationToken = default)
    {
        new ValidationErrors()
            .Add("amount", OrderRules.ValidateAmount(amount))
            .Add("currency", OrderRules.ValidateCurrency(currency, out var parsedCurrency))
            .ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userStatus = await db.Users.Where(u => u.Id == userId).Select(u => (UserStatus?)u.Status).FirstOrDefaultAsync(cancellationToken)
                         ?? throw ValidationFailedException.For("userId", OrderRules.UserUnknown);
        if (userStatus == UserStatus.Suspended)
        {
            throw new ConflictException(OrderRules.UserSuspended, "userId");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var order = new Order
        {
            UserId = userId,
            Amount = amount!.Value,
            Currency = parsedCurrency,
            Status = OrderStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
        order.History.Add(new OrderStatusChange { From = null, To = OrderStatus.Pending, At = now, ChangedBy = createdBy });
        db.Orders.Add(order);

        // One SaveChanges is one transaction: the order and its creation entry land together.
        await db.SaveChangesAsync(cancellationToken);
        return OrderDto.From(order);
    }

    public async Task<OrderDto> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
                    ?? throw new NotFoundException("Order", id);
        return OrderDto.From(order);
    }

    /// <summary>The order's history, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEntryDto>> GetHistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Orders.AnyAsync(o => o.Id == id, cancellationToken))
        {
            throw new NotFoundException("Order", id);
        }

        return await db.OrderStatusChanges.AsNoTracking()
            .Where(h => h.OrderId == id)
            .OrderBy(h => h.Id)
            .Select(h => new HistoryEntryDto(h.From, h.To, h.At, h.ChangedBy, h.Reason))
            .ToListAsync(cancellationToken);
    }
}
