using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Features.Orders;

[TestClass]
public sealed class OrdersServiceTests
{
    // Every field of the orders list in both directions, written out rather than read from OrderQuery.
    public static IEnumerable<object[]> EverySort() =>
        new[] { "createdAt", "-createdAt", "amount", "-amount", "status", "-status" }.Select(sort => new object[] { sort });

    private static readonly DateTime Day = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingNotifier _changes = new();
    private TestDatabase _database = null!;
    private OrdersService _orders = null!;

    [TestInitialize]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync();
        _orders = new OrdersService(_database, _time, _changes);
    }

    [TestCleanup]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [TestMethod]
    public async Task Filters_by_status()
    {
        var ids = await AddAsync(
            new OrderBuilder().Build(),
            new OrderBuilder().InStatus(OrderStatus.Shipped).Build(),
            new OrderBuilder().InStatus(OrderStatus.Cancelled).Build(),
            new OrderBuilder().InStatus(OrderStatus.Shipped).Build());

        var page = await _orders.ListAsync(new OrderQuery(Status: OrderStatus.Shipped));

        CollectionAssert.AreEquivalent(new[] { ids[1], ids[3] }, Ids(page));
        Assert.AreEqual(2, page.TotalCount);
        Assert.IsTrue(page.Items.All(o => o.Status == OrderStatus.Shipped));
    }

    [TestMethod]
    public async Task Filters_by_user_and_names_the_user_on_each_row()
    {
        var ann = new UserBuilder().Named("Ann Lee").WithEmail("ann.service@example.com").Build();
        var bob = new UserBuilder().Named("Bob Ray").Build();
        var ids = await AddAsync(
            new OrderBuilder().ForUser(ann).Build(),
            new OrderBuilder().ForUser(bob).Build(),
            new OrderBuilder().ForUser(ann).Build());

        var page = await _orders.ListAsync(new OrderQuery(UserId: ann.Id));

        CollectionAssert.AreEquivalent(new[] { ids[0], ids[2] }, Ids(page));
        Assert.IsTrue(page.Items.All(o => o is { UserName: "Ann Lee", UserEmail: "ann.service@example.com" } && o.UserId == ann.Id));
    }

    [TestMethod]
    public async Task Filters_by_a_date_range_that_includes_both_ends()
    {
        var ids = await AddAsync(
            At(new OrderBuilder().Build(), Day.AddTicks(-1)),
            At(new OrderBuilder().Build(), Day),
            At(new OrderBuilder().Build(), Day.AddHours(12)),
            At(new OrderBuilder().Build(), Day.AddDays(1)),
            At(new OrderBuilder().Build(), Day.AddDays(1).AddTicks(1)));

        var both = await _orders.ListAsync(new OrderQuery(From: Day, To: Day.AddDays(1), Sort: "createdAt"));
        var onlyFrom = await _orders.ListAsync(new OrderQuery(From: Day.AddDays(1), Sort: "createdAt"));
        var onlyTo = await _orders.ListAsync(new OrderQuery(To: Day, Sort: "createdAt"));

        CollectionAssert.AreEqual(new[] { ids[1], ids[2], ids[3] }, Ids(both));
        CollectionAssert.AreEqual(new[] { ids[3], ids[4] }, Ids(onlyFrom));
        CollectionAssert.AreEqual(new[] { ids[0], ids[1] }, Ids(onlyTo));
    }

    [TestMethod]
    public async Task Combines_filters()
    {
        var ann = new UserBuilder().Build();
        var ids = await AddAsync(
            At(new OrderBuilder().ForUser(ann).Build(), Day),
            At(new OrderBuilder().ForUser(ann).InStatus(OrderStatus.Delivered).Build(), Day),
            At(new OrderBuilder().Build(), Day),
            At(new OrderBuilder().ForUser(ann).Build(), Day.AddDays(3)));

        var page = await _orders.ListAsync(new OrderQuery(OrderStatus.Pending, ann.Id, Day, Day.AddDays(1)));

        CollectionAssert.AreEqual(new[] { ids[0] }, Ids(page));
    }

    [TestMethod]
    public async Task Lists_newest_first_by_default()
    {
        var ids = await AddAsync(
            At(new OrderBuilder().Build(), Day.AddHours(1)),
            At(new OrderBuilder().Build(), Day.AddHours(3)),
            At(new OrderBuilder().Build(), Day.AddHours(2)));

        var page = await _orders.ListAsync(new OrderQuery());

        CollectionAssert.AreEqual(new[] { ids[1], ids[2], ids[0] }, Ids(page));
        Assert.AreEqual(1, page.PageNumber);
        Assert.AreEqual(ListRules.DefaultPageSize, page.PageSize);
    }

    [TestMethod]
    [DynamicData(nameof(EverySort))]
    [DataRow("AMOUNT")]
    public async Task Sorts_by_each_field_in_both_directions_with_ties_broken_by_id(string sort)
    {
        // Deliberate ties in every field, so only the id can make the order unique.
        var orders = new[]
        {
            At(new OrderBuilder().WithAmount(20m).InStatus(OrderStatus.Shipped).Build(), Day.AddHours(2)),
            At(new OrderBuilder().WithAmount(10m).Build(), Day.AddHours(1)),
            At(new OrderBuilder().WithAmount(20m).Build(), Day.AddHours(2)),
            At(new OrderBuilder().WithAmount(10m).InStatus(OrderStatus.Shipped).Build(), Day.AddHours(1)),
            At(new OrderBuilder().WithAmount(100m).InStatus(OrderStatus.Cancelled).Build(), Day),
            At(new OrderBuilder().WithAmount(9.5m).InStatus(OrderStatus.Delivered).Build(), Day.AddHours(3)),
        };
        await AddAsync(orders);

        var page = await _orders.ListAsync(new OrderQuery(Sort: sort));

        CollectionAssert.AreEqual(Expected(orders, sort), Ids(page));
    }

    [TestMethod]
    [DataRow("createdAt")]
    [DataRow("-amount")]
    [DataRow("status")]
    public async Task Pages_are_stable_and_together_hold_every_order_once(string sort)
    {
        var orders = Enumerable.Range(0, 7)
            .Select(i => At(new OrderBuilder().WithAmount(i % 2 == 0 ? 5m : 9m).InStatus(i % 3 == 0 ? OrderStatus.Shipped : OrderStatus.Pending).Build(), Day))
            .ToArray();
        await AddAsync(orders);

        var pages = new List<Page<OrderListItem>>();
        for (var number = 1; number <= 3; number++)
        {
            pages.Add(await _orders.ListAsync(new OrderQuery(Sort: sort, Page: number, PageSize: 3)));
        }

        CollectionAssert.AreEqual(Expected(orders, sort), pages.SelectMany(Ids).ToArray());
        CollectionAssert.AreEqual(new[] { 3, 3, 1 }, pages.Select(p => p.Items.Count).ToArray());
        Assert.IsTrue(pages.All(p => p.TotalCount == 7 && p.PageCount == 3));
        Assert.IsEmpty((await _orders.ListAsync(new OrderQuery(Sort: sort, Page: 4, PageSize: 3))).Items, "past the end is empty, not an error");
    }

    [TestMethod]
    [DataRow(0, null, null, "page")]
    [DataRow(-1, null, null, "page")]
    [DataRow(null, 0, null, "pageSize")]
    [DataRow(null, 101, null, "pageSize")]
    [DataRow(null, null, "name", "sort")]
    [DataRow(null, null, "-", "sort")]
    [DataRow(null, null, "--amount", "sort")]
    public async Task Rejects_bad_paging_and_sort_under_the_fields_name(int? page, int? pageSize, string? sort, string field)
    {
        var query = new OrderQuery(Sort: sort, Page: page, PageSize: pageSize);

        var error = await Assert.ThrowsExactlyAsync<ValidationFailedException>(() => _orders.ListAsync(query));

        CollectionAssert.AreEqual(new[] { field }, error.Errors.Keys.ToArray());
    }

    [TestMethod]
    public async Task Rejects_from_after_to_under_from_for_the_list_and_the_stream()
    {
        var query = new OrderQuery(From: Day.AddDays(1), To: Day);

        var listed = await Assert.ThrowsExactlyAsync<ValidationFailedException>(() => _orders.ListAsync(query));
        var streamed = await Assert.ThrowsExactlyAsync<ValidationFailedException>(async () =>
        {
            await foreach (var _ in _orders.StreamAsync(query))
            {
            }
        });

        CollectionAssert.AreEqual(new[] { OrderQuery.FromAfterTo }, listed.Errors["from"]);
        CollectionAssert.AreEqual(new[] { OrderQuery.FromAfterTo }, streamed.Errors["from"]);
    }

    [TestMethod]
    public async Task Reports_every_broken_rule_at_once()
    {
        var error = await Assert.ThrowsExactlyAsync<ValidationFailedException>(
            () => _orders.ListAsync(new OrderQuery(From: Day.AddDays(1), To: Day, Sort: "name", Page: 0, PageSize: 0)));

        CollectionAssert.AreEquivalent(new[] { "from", "sort", "page", "pageSize" }, error.Errors.Keys.ToArray());
    }

    [TestMethod]
    public async Task Streams_every_matching_order_in_the_lists_order_beyond_one_page()
    {
        var ann = new UserBuilder().Build();
        var orders = Enumerable.Range(0, 130)
            .Select(i => At(new OrderBuilder().ForUser(i % 2 == 0 ? ann : new UserBuilder().Build()).WithAmount(1m + (i % 7)).Build(), Day.AddMinutes(i)))
            .ToArray();
        await AddAsync(orders);

        var streamed = new List<OrderListItem>();
        await foreach (var item in _orders.StreamAsync(new OrderQuery(UserId: ann.Id, Sort: "-amount", Page: 1, PageSize: 10)))
        {
            streamed.Add(item);
        }

        var mine = orders.Where(o => o.UserId == ann.Id).ToArray();
        Assert.HasCount(65, streamed, "paging does not apply to the stream");
        CollectionAssert.AreEqual(Expected(mine, "-amount"), streamed.Select(o => o.Id).ToArray());
        Assert.IsTrue(streamed.All(o => o.UserEmail == ann.Email));
    }

    [TestMethod]
    [DataRow("-createdAt")]
    [DataRow("amount")]
    [DataRow("-status")]
    public async Task A_customer_prefix_matching_a_thousand_users_pages_as_a_narrow_one_does(string sort)
    {
        // A thousand matching users (a broad prefix: the first pages walk the sort's own index)
        // among others whose orders sit in between.
        var orders = Enumerable.Range(0, 1_300)
            .Select(i => At(new OrderBuilder()
                    .ForUser(new UserBuilder().Named(i % 13 < 10 ? $"Broad {i:0000}" : $"Other {i:0000}").Build())
                    .WithAmount(i % 7)
                    .InStatus((OrderStatus)(i % 5))
                    .Build(),
                Day.AddMinutes(i % 97)))
            .ToArray();
        await AddAsync(orders);
        var expected = Expected(orders.Where(o => o.User!.Name.StartsWith("Broad", StringComparison.Ordinal)), sort);

        // Pages 1 and 10 are read by the walk, page 11 (past 250 rows) as every narrow prefix is.
        var pages = new Dictionary<int, Page<OrderListItem>>();
        foreach (var number in new[] { 1, 10, 11 })
        {
            pages[number] = await _orders.ListAsync(new OrderQuery(Customer: "broad", Sort: sort, Page: number, PageSize: 25));
        }

        Assert.IsTrue(pages.Values.All(p => p.TotalCount == 1_000));
        foreach (var (number, page) in pages)
        {
            CollectionAssert.AreEqual(expected.Skip((number - 1) * 25).Take(25).ToArray(), Ids(page), $"page {number}");
        }

        Assert.IsTrue(pages[1].Items.All(o => o.UserName.StartsWith("Broad", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task The_dashboard_counts_every_status_sums_paid_orders_per_currency_and_lists_the_ten_latest()
    {
        var orders = new List<Order>
        {
            new OrderBuilder().WithAmount(10m).Build(),
            new OrderBuilder().WithAmount(20m).InStatus(OrderStatus.Processing).Build(),
            new OrderBuilder().WithAmount(30.5m).InStatus(OrderStatus.Delivered).Build(),
            new OrderBuilder().WithAmount(40m, Currency.EUR).InStatus(OrderStatus.Shipped).Build(),
            new OrderBuilder().WithAmount(99m).InStatus(OrderStatus.Cancelled).Build(),
            new OrderBuilder().WithAmount(7m, Currency.EUR).InStatus(OrderStatus.Cancelled).Build(),
        };
        orders.AddRange(Enumerable.Range(0, 6).Select(_ => new OrderBuilder().WithAmount(1m, Currency.GBP).Build()));
        for (var i = 0; i < orders.Count; i++)
        {
            At(orders[i], Day.AddHours(i));
        }

        await AddAsync([.. orders]);

        var figures = await _orders.GetDashboardAsync();

        CollectionAssert.AreEquivalent(Enum.GetValues<OrderStatus>(), figures.CountsByStatus.Keys.ToArray());
        Assert.AreEqual(7, figures.CountsByStatus[OrderStatus.Pending]);
        Assert.AreEqual(1, figures.CountsByStatus[OrderStatus.Processing]);
        Assert.AreEqual(1, figures.CountsByStatus[OrderStatus.Shipped]);
        Assert.AreEqual(1, figures.CountsByStatus[OrderStatus.Delivered]);
        Assert.AreEqual(2, figures.CountsByStatus[OrderStatus.Cancelled]);
        Assert.AreEqual(50.5m, figures.RevenueByCurrency[Currency.USD], "pending and cancelled orders are not revenue");
        Assert.AreEqual(40m, figures.RevenueByCurrency[Currency.EUR]);
        Assert.AreEqual(0m, figures.RevenueByCurrency[Currency.GBP], "no GBP order is paid");
        CollectionAssert.AreEqual(
            orders.OrderByDescending(o => o.CreatedAt).Take(10).Select(o => o.Id).ToArray(),
            figures.Latest.Select(o => o.Id).ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(EverySort))]
    public async Task Pages_past_the_middle_hold_the_same_rows_in_the_same_order_as_reading_from_the_start(string sort)
    {
        // Pages past the middle are read from the far end and turned back: with ties in every
        // field, filtered and not, each page must be exactly its slice of the whole sorted list.
        var orders = Enumerable.Range(0, 11)
            .Select(i => At(
                new OrderBuilder().WithAmount(i % 3 == 0 ? 5m : 7m + i).InStatus(i % 4 == 0 ? OrderStatus.Shipped : OrderStatus.Pending).Build(),
                Day.AddHours(i % 2)))
            .ToArray();
        await AddAsync(orders);

        foreach (var status in new OrderStatus?[] { null, OrderStatus.Pending })
        {
            var expected = Expected(orders.Where(o => status is null || o.Status == status), sort);
            for (var number = 1; number <= (expected.Length + 1) / 2 + 1; number++)
            {
                var page = await _orders.ListAsync(new OrderQuery(Status: status, Sort: sort, Page: number, PageSize: 2));

                CollectionAssert.AreEqual(expected.Skip((number - 1) * 2).Take(2).ToArray(), Ids(page), $"page {number}, status {status}");
                Assert.AreEqual(expected.Length, page.TotalCount);
            }
        }
    }

    [TestMethod]
    public async Task The_dashboard_follows_every_kind_of_write_to_the_orders()
    {
        // The totals are kept by the database (ADR 004): inserts, status, currency and amount
        // changes, and deletes made by any writer must all show.
        var user = new UserBuilder().Build();
        await AddUserAsync(user);
        var created = await _orders.CreateAsync(user.Id, 25m, "EUR", "agent@example.com");
        var added = await AddAsync(
            new OrderBuilder().WithAmount(10m).InStatus(OrderStatus.Delivered).Build(),
            new OrderBuilder().WithAmount(4m, Currency.GBP).InStatus(OrderStatus.Shipped).Build());
        await using (var db = _database.CreateDbContext())
        {
            var order = await db.Orders.FindAsync(created.Id);
            order!.Status = OrderStatus.Processing;
            var delivered = await db.Orders.FindAsync(added[0]);
            delivered!.Amount = 12.5m;
            delivered.Currency = Currency.GBP;
            db.OrderStatusChanges.RemoveRange(db.OrderStatusChanges.Where(h => h.OrderId == added[1]));
            db.PaymentRecords.RemoveRange(db.PaymentRecords.Where(p => p.OrderId == added[1]));
            db.Orders.Remove((await db.Orders.FindAsync(added[1]))!);
            await db.SaveChangesAsync();
        }

        var figures = await _orders.GetDashboardAsync();

        Assert.AreEqual(0, figures.CountsByStatus[OrderStatus.Pending]);
        Assert.AreEqual(1, figures.CountsByStatus[OrderStatus.Processing]);
        Assert.AreEqual(1, figures.CountsByStatus[OrderStatus.Delivered]);
        Assert.AreEqual(0, figures.CountsByStatus[OrderStatus.Shipped], "the deleted order is gone");
        Assert.AreEqual(25m, figures.RevenueByCurrency[Currency.EUR]);
        Assert.AreEqual(12.5m, figures.RevenueByCurrency[Currency.GBP]);
        Assert.AreEqual(0m, figures.RevenueByCurrency[Currency.USD], "the delivered order moved from USD to GBP");
    }

    [TestMethod]
    public async Task An_empty_dashboard_has_zeros_for_every_status_and_currency()
    {
        var figures = await _orders.GetDashboardAsync();

        Assert.IsTrue(figures.CountsByStatus.Values.All(c => c == 0));
        Assert.HasCount(5, figures.CountsByStatus);
        Assert.IsTrue(figures.RevenueByCurrency.Values.All(r => r == 0m));
        Assert.HasCount(3, figures.RevenueByCurrency);
        Assert.IsEmpty(figures.Latest);
    }

    [TestMethod]
    public async Task Payment_records_come_oldest_first_and_only_for_the_order()
    {
        var order = new OrderBuilder().WithAmount(12m, Currency.EUR).Build();
        var other = new OrderBuilder().Build();
        order.Payments.Add(Payment(PaymentKind.Charge, PaymentStatus.Declined, null, "card_declined", Day));
        order.Payments.Add(Payment(PaymentKind.Charge, PaymentStatus.Succeeded, "ch_1", null, Day.AddMinutes(1)));
        order.Payments.Add(Payment(PaymentKind.Refund, PaymentStatus.Failed, null, "unavailable", Day.AddMinutes(2)));
        other.Payments.Add(Payment(PaymentKind.Charge, PaymentStatus.Succeeded, "ch_other", null, Day));
        var ids = await AddAsync(order, other);

        var payments = await _orders.GetPaymentsAsync(ids[0]);

        CollectionAssert.AreEqual(
            new[]
            {
                new PaymentRecordDto(PaymentKind.Charge, 12m, Currency.EUR, PaymentStatus.Declined, null, "card_declined", Day),
                new PaymentRecordDto(PaymentKind.Charge, 12m, Currency.EUR, PaymentStatus.Succeeded, "ch_1", null, Day.AddMinutes(1)),
                new PaymentRecordDto(PaymentKind.Refund, 12m, Currency.EUR, PaymentStatus.Failed, null, "unavailable", Day.AddMinutes(2)),
            },
            payments.ToArray());
    }

    [TestMethod]
    public async Task History_comes_oldest_first_from_the_creation()
    {
        var id = (await AddAsync(new OrderBuilder().InStatus(OrderStatus.Delivered).Build()))[0];

        var history = await _orders.GetHistoryAsync(id);

        CollectionAssert.AreEqual(
            new OrderStatus?[] { null, OrderStatus.Pending, OrderStatus.Processing, OrderStatus.Shipped },
            history.Select(h => h.From).ToArray());
        Assert.AreEqual(OrderStatus.Delivered, history[^1].To);
    }

    [TestMethod]
    public async Task An_unknown_order_is_not_found_for_every_read()
    {
        await Assert.ThrowsExactlyAsync<NotFoundException>(() => _orders.GetAsync(404));
        await Assert.ThrowsExactlyAsync<NotFoundException>(() => _orders.GetHistoryAsync(404));
        await Assert.ThrowsExactlyAsync<NotFoundException>(() => _orders.GetPaymentsAsync(404));
    }

    [TestMethod]
    public async Task An_order_says_where_it_may_go_next()
    {
        var ids = await AddAsync(new OrderBuilder().Build(), new OrderBuilder().InStatus(OrderStatus.Delivered).Build());

        var pending = await _orders.GetAsync(ids[0]);
        var delivered = await _orders.GetAsync(ids[1]);

        CollectionAssert.AreEquivalent(new[] { OrderStatus.Processing, OrderStatus.Cancelled }, pending.AllowedTransitions.ToArray());
        Assert.IsEmpty(delivered.AllowedTransitions);
        Assert.AreEqual(1, pending.Version);
    }

    [TestMethod]
    public async Task Creating_an_order_makes_it_pending_with_its_first_history_entry_and_announces_it()
    {
        var user = new UserBuilder().Build();
        await AddUserAsync(user);

        var created = await _orders.CreateAsync(user.Id, 19.99m, "EUR", "agent@example.com");

        Assert.AreEqual(OrderStatus.Pending, created.Status);
        Assert.AreEqual(Currency.EUR, created.Currency);
        Assert.AreEqual(_time.GetUtcNow().UtcDateTime, created.CreatedAt);
        var entry = (await _orders.GetHistoryAsync(created.Id)).Single();
        Assert.AreEqual(new HistoryEntryDto(null, OrderStatus.Pending, created.CreatedAt, "agent@example.com", null), entry);
        CollectionAssert.Contains(_changes.Published.ToArray(), new ChangeEvent(ChangedEntity.Order, created.Id));
    }

    [TestMethod]
    public async Task A_suspended_or_unknown_user_gets_no_new_order()
    {
        var suspended = new UserBuilder().Suspended().Build();
        await AddUserAsync(suspended);

        var conflict = await Assert.ThrowsExactlyAsync<ConflictException>(() => _orders.CreateAsync(suspended.Id, 5m, null, "agent@example.com"));
        var unknown = await Assert.ThrowsExactlyAsync<ValidationFailedException>(() => _orders.CreateAsync(404, 5m, null, "agent@example.com"));

        Assert.AreEqual(OrderRules.UserSuspended, conflict.Message);
        CollectionAssert.AreEqual(new[] { OrderRules.UserUnknown }, unknown.Errors["userId"]);
        Assert.AreEqual(0, (await _orders.ListAsync(new OrderQuery())).TotalCount);
    }

    private async Task<int[]> AddAsync(params Order[] orders)
    {
        await using var db = _database.CreateDbContext();
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync();
        return [.. orders.Select(o => o.Id)];
    }

    private async Task AddUserAsync(User user)
    {
        await using var db = _database.CreateDbContext();
        db.Users.Add(user);
        await db.SaveChangesAsync();
    }

    private static int[] Ids(Page<OrderListItem> page) => [.. page.Items.Select(o => o.Id)];

    private static Order At(Order order, DateTime createdAt)
    {
        order.CreatedAt = createdAt;
        order.UpdatedAt = createdAt;
        return order;
    }

    private static PaymentRecord Payment(PaymentKind kind, PaymentStatus status, string? transactionId, string? error, DateTime at) =>
        new() { Kind = kind, Amount = 12m, Currency = Currency.EUR, Status = status, TransactionId = transactionId, Error = error, At = at };

    // The order the list must have, worked out in memory from the same rule: the field, then the id.
    // Amounts compare as numbers (9.5 before 10), statuses by their stored lower-case name.
    private static int[] Expected(IEnumerable<Order> orders, string sort)
    {
        var descending = sort.StartsWith('-');
        Func<Order, IComparable> key = sort.TrimStart('-').ToLowerInvariant() switch
        {
            "amount" => o => o.Amount,
            "status" => o => o.Status.ToString().ToLowerInvariant(),
            _ => o => o.CreatedAt,
        };
        var sorted = descending
            ? orders.OrderByDescending(key).ThenByDescending(o => o.Id)
            : orders.OrderBy(key).ThenBy(o => o.Id);
        return [.. sorted.Select(o => o.Id)];
    }
}
