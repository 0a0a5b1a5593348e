using AdminPortal.Data;
using AdminPortal.Features.Audit;
using AdminPortal.Features.Common;
using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Orders;

/// <summary>
/// Creating and reading orders, with the rules for a new order. Moving one is
/// <see cref="OrderTransitionService"/>'s; which moves exist is <see cref="OrderLifecycle"/>'s.
/// </summary>
public sealed class OrdersService(IDbContextFactory<AppDbContext> contexts, TimeProvider time, IChangeNotifier changes)
{
    private readonly OrderById _byId = new(contexts);

    /// <summary>A page of orders, filtered, sorted and counted in the database.</summary>
    /// <exception cref="ValidationFailedException">Paging, sort or the date range is invalid.</exception>
    public async Task<Page<OrderListItem>> ListAsync(OrderQuery query, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var (page, pageSize) = ListRules.ValidatePaging(query.Page, query.PageSize, errors);
        var sort = ValidateFilters(query, errors);
        errors.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db, query);
        var total = await filtered.CountAsync(cancellationToken);
        var offset = (page - 1) * pageSize;
        List<OrderListItem> items;
        if (offset >= total)
        {
            items = [];
        }
        else if (offset > total / 2)
        {
            // An OFFSET walks every row it skips, so the last pages of a million orders would
            // walk nearly all of them. Past the middle, the same rows are read from the other end
            // in the reverse order (every sort is total, ties broken by id) and turned back.
            var take = Math.Min(pageSize, total - offset);
            var fromEnd = total - offset - take;
            items = await SliceAsync(db, filtered, sort with { Descending = !sort.Descending }, fromEnd, take, query, cancellationToken);
            items.Reverse();
        }
        else
        {
            items = await SliceAsync(db, filtered, sort, offset, pageSize, query, cancellationToken);
        }

        return new Page<OrderListItem>(items, page, pageSize, total);
    }

    /// <summary>
    /// Every order matching the filters, in the query's sort order, streamed from the database a
    /// row at a time (a million rows never sit in memory). The caller disposes the enumeration.
    /// </summary>
    public async IAsyncEnumerable<OrderListItem> StreamAsync(OrderQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var sort = ValidateFilters(query, errors);
        errors.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await foreach (var item in Project(Sort(Filter(db, query), sort)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>Counts per status, revenue of paid orders per currency, the ten latest orders and the orders per day.</summary>
    public async Task<DashboardFigures> GetDashboardAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // At most one row per status and currency, kept by the database as orders change (ADR 004):
        // counting and summing a million orders on every dashboard view took most of a second.
        var totals = await db.OrderTotals.AsNoTracking().ToListAsync(cancellationToken);
        var counts = totals.GroupBy(t => t.Status).ToDictionary(g => g.Key, g => (int)g.Sum(t => t.Count));
        var revenue = totals
            .Where(t => OrderLifecycle.IsPaid(t.Status))
            .GroupBy(t => t.Currency)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Amount));
        var latest = await Project(db.Orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(10))
            .ToListAsync(cancellationToken);
        var perDay = await OrdersPerDay.ReadAsync(db, time.GetUtcNow(), cancellationToken);

        return new DashboardFigures(
            OrderLifecycle.Statuses.ToDictionary(s => s, s => counts.GetValueOrDefault(s)),
            Enum.GetValues<Currency>().ToDictionary(c => c, c => revenue.GetValueOrDefault(c)),
            latest,
            perDay);
    }

    /// <summary>Orders created per UTC day over the last <see cref="OrdersPerDay.Days"/> days, today included, oldest first.</summary>
    public async Task<IReadOnlyList<OrdersOnDay>> GetOrdersPerDayAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OrdersPerDay.ReadAsync(db, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The order's payment records, oldest first.</summary>
    public async Task<IReadOnlyList<PaymentRecordDto>> GetPaymentsAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RequireAsync(db, id, cancellationToken);
        return await PaymentsOf(db, id).ToListAsync(cancellationToken);
    }

    /// <summary>The order's history, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEntryDto>> GetHistoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RequireAsync(db, id, cancellationToken);
        return await HistoryOf(db, id).ToListAsync(cancellationToken);
    }

    /// <summary>Everything the order's page shows, read with one context.</summary>
    public async Task<OrderDetails> GetDetailsAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Orders.AsNoTracking()
                        .Where(o => o.Id == id)
                        .Select(o => new { Order = o, o.User!.Name, o.User.Email })
                        .FirstOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Order", id);
        return new OrderDetails(
            OrderDto.From(found.Order),
            found.Name,
            found.Email,
            await HistoryOf(db, id).ToListAsync(cancellationToken),
            await PaymentsOf(db, id).ToListAsync(cancellationToken));
    }

    private static async Task RequireAsync(AppDbContext db, int id, CancellationToken cancellationToken)
    {
        if (!await db.Orders.AnyAsync(o => o.Id == id, cancellationToken))
        {
            throw new NotFoundException("Order", id);
        }
    }

    private static IQueryable<HistoryEntryDto> HistoryOf(AppDbContext db, int id) =>
        db.OrderStatusChanges.AsNoTracking()
            .Where(h => h.OrderId == id)
            .OrderBy(h => h.Id)
            .Select(h => new HistoryEntryDto(h.From, h.To, h.At, h.ChangedBy, h.Reason));

    private static IQueryable<PaymentRecordDto> PaymentsOf(AppDbContext db, int id) =>
        db.PaymentRecords.AsNoTracking()
            .Where(p => p.OrderId == id)
            .OrderBy(p => p.Id)
            .Select(p => new PaymentRecordDto(p.Kind, p.Amount, p.Currency, p.Status, p.TransactionId, p.Error, p.At, p.RequestedBy));

    private static SortOrder ValidateFilters(OrderQuery query, ValidationErrors errors)
    {
        errors.Add("from", query.From is { } from && query.To is { } to && from > to ? OrderQuery.FromAfterTo : null);
        errors.Add("customer", UserSearch.ValidatePrefix(query.Customer));
        return ListRules.ValidateSort(query.Sort, OrderQuery.SortFields, OrderQuery.DefaultSort, errors);
    }

    private static IQueryable<Order> Filter(AppDbContext db, OrderQuery query)
    {
        var orders = db.Orders.AsNoTracking();
        if (query.Status is { } status)
        {
            orders = orders.Where(o => o.Status == status);
        }

        if (query.UserId is { } userId)
        {
            orders = orders.Where(o => o.UserId == userId);
        }

        if (!string.IsNullOrWhiteSpace(query.Customer))
        {
            // A subquery over the users' name and email indexes; each matching user's orders are
            // then read through (UserId, CreatedAt).
            var customers = db.Users.WithPrefix(query.Customer).Select(u => u.Id);
            orders = orders.Where(o => customers.Contains(o.UserId));
        }

        if (query.From is { } from)
        {
            orders = orders.Where(o => o.CreatedAt >= from);
        }

        if (query.To is { } to)
        {
            orders = orders.Where(o => o.CreatedAt <= to);
        }

        return orders;
    }

    // A customer prefix matching at least this many users (1 % of the bench's 100,000) is broad:
    // one order in a hundred or more is theirs, so walking the sort's own index and keeping their
    // orders finds a page's rows within a few thousand index entries...
    private const int BroadCustomerPrefix = 1_000;

    // ...while the page is among the first few (an offset walks every row it skips).
    private const int BroadCustomerWalkRows = 250;

    private static async Task<List<OrderListItem>> SliceAsync(AppDbContext db, IQueryable<Order> filtered, SortOrder sort, int skip, int take, OrderQuery query, CancellationToken cancellationToken)
    {
        var slice = Sort(filtered, sort).Skip(skip).Take(take);
        if (string.IsNullOrWhiteSpace(query.Customer))
        {
            return await Project(slice).ToListAsync(cancellationToken);
        }

        var customers = db.Users.WithPrefix(query.Customer);
        if (skip + take <= BroadCustomerWalkRows &&
            await customers.Take(BroadCustomerPrefix).CountAsync(cancellationToken) == BroadCustomerPrefix)
        {
            // A correlated EXISTS: no index on the customer's side to start from, so the
            // database reads the orders in the sort's index order and checks each one's user.
            var ofBroadPrefix = Filter(db, query with { Customer = null }).Where(o => customers.Any(u => u.Id == o.UserId));
            return await Project(Sort(ofBroadPrefix, sort).Skip(skip).Take(take)).ToListAsync(cancellationToken);
        }

        // A prefix such as "Ada" matches thousands of customers and tens of thousands of orders,
        // which no index holds in the page's order: they are sorted. Sorting only the keys, read
        // from the (UserId, sort field) index alone, and then reading the page's 25 rows costs a
        // fraction of sorting whole rows fetched one by one from the table.
        var ids = slice.Select(o => o.Id);
        return await Project(Sort(db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)), sort)).ToListAsync(cancellationToken);
    }

    // Ties broken by id, so paging is stable.
    private static IQueryable<Order> Sort(IQueryable<Order> orders, SortOrder sort) => (sort.Field, sort.Descending) switch
    {
        ("amount", false) => orders.OrderBy(o => o.Amount).ThenBy(o => o.Id),
        ("amount", true) => orders.OrderByDescending(o => o.Amount).ThenByDescending(o => o.Id),
        ("status", false) => orders.OrderBy(o => o.Status).ThenBy(o => o.Id),
        ("status", true) => orders.OrderByDescending(o => o.Status).ThenByDescending(o => o.Id),
        (_, false) => orders.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id),
        (_, true) => orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
    };

    private static IQueryable<OrderListItem> Project(IQueryable<Order> orders) =>
        orders.Select(o => new OrderListItem(
            o.Id, o.UserId, o.User!.Name, o.User.Email, o.Amount, o.Currency, o.Status, o.PaymentTransactionId, o.CreatedAt, o.UpdatedAt, o.Version));

    /// <summary>Creates a pending order and its first history entry in one transaction.</summary>
    public async Task<OrderDto> CreateAsync(int userId, decimal? amount, string? currency, string createdBy, CancellationToken cancellationToken = default)
    {
        new ValidationErrors()
            .Add("amount", OrderRules.ValidateAmount(amount))
            .Add("currency", OrderRules.ValidateCurrency(currency, out var parsedCurrency))
            .ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The user's check and the insert are one serializable transaction, so a user deleted or
        // suspended meanwhile cannot end up with a new order (SQLite takes the write lock up front).
        // A transaction of our own runs inside the provider's execution strategy: SQL Server's
        // retrying strategy refuses one otherwise, and retries it whole after a transient failure.
        var order = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
            var userStatus = await db.Users.Where(u => u.Id == userId).Select(u => (UserStatus?)u.Status).FirstOrDefaultAsync(ct)
                             ?? throw ValidationFailedException.For("userId", OrderRules.UserUnknown);
            if (userStatus == UserStatus.Suspended)
            {
                throw new ConflictException(OrderRules.UserSuspended, "userId");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var created = new Order
            {
                UserId = userId,
                Amount = amount!.Value,
                Currency = parsedCurrency,
                Status = OrderStatus.Pending,
                CreatedAt = now,
                UpdatedAt = now,
            };
            created.History.Add(new OrderStatusChange { From = null, To = OrderStatus.Pending, At = now, ChangedBy = createdBy });
            db.Orders.Add(created);
            var audited = AuditChanges.Of(db.Entry(created), nameof(Order.UserId), nameof(Order.Amount), nameof(Order.Currency), nameof(Order.Status));

            // The order, its history's first entry and its audit entry land together, or not at all.
            try
            {
                await db.SaveChangesAsync(ct);
                AuditTrail.Add(db, now, createdBy, AuditActions.OrderCreated, AuditEntities.Order, created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audited);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsForeignKeyViolation(e))
            {
                // The user was deleted by a writer the transaction could not hold back.
                throw ValidationFailedException.For("userId", OrderRules.UserUnknown);
            }

            return created;
        }, cancellationToken);

        changes.Publish(new ChangeEvent(ChangedEntity.Order, order.Id));
        return OrderDto.From(order);
    }

    public async Task<OrderDto> GetAsync(int id, CancellationToken cancellationToken = default) =>
        await _byId.FindAsync(id, cancellationToken) ?? throw new NotFoundException("Order", id);
}
