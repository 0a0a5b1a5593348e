using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Data;

/// <summary>
/// What the database must guarantee, run against a real database with the real migrations: SQLite
/// always, SQL Server where one is given. Each test gets a fresh database.
/// </summary>
public abstract class PersistenceScenarios
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 30, 0, TimeSpan.Zero);

    private IAsyncDisposable? _database;

    protected IDbContextFactory<AppDbContext> Db { get; private set; } = null!;

    protected FakeTimeProvider Time { get; } = new(Now);

    protected RecordingNotifier Changes { get; } = new();

    protected UsersService Users => new(Db, Time, Changes);

    protected OrdersService Orders => new(Db, Time, Changes);

    protected RecordingPaymentGateway Gateway { get; } = new();

    /// <summary>
    /// Each with the turns of an instance of its own, as on different instances: these scenarios are
    /// about what the database guarantees, the turns in it included.
    /// </summary>
    protected OrderTransitionService Transitions => new(Db, OrderTurns.Of(Db, Time), Gateway, Time, Changes);

    /// <summary>A fresh, migrated database of the provider under test.</summary>
    protected abstract Task<(IDbContextFactory<AppDbContext> Factory, IAsyncDisposable Lifetime)> CreateDatabaseAsync();

    /// <summary>Makes every insert into the history table fail inside the database.</summary>
    protected abstract string FailingHistoryTriggerSql { get; }

    [TestInitialize]
    public async Task CreateDatabase() => (Db, _database) = await CreateDatabaseAsync();

    [TestCleanup]
    public async Task DropDatabase()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task A_created_user_reads_back_trimmed_lower_cased_and_versioned()
    {
        var created = await Users.CreateAsync("  Ann Lee  ", "  Ann.Lee@Example.COM ", "agent@example.com");

        var read = await Users.GetAsync(created.Id);

        Assert.AreEqual("Ann Lee", read.Name);
        Assert.AreEqual("ann.lee@example.com", read.Email);
        Assert.AreEqual(UserStatus.Active, read.Status);
        Assert.AreEqual(1, read.Version);
        Assert.AreEqual(Now.UtcDateTime, read.CreatedAt);
        Assert.AreEqual(DateTimeKind.Utc, read.CreatedAt.Kind);
    }

    [TestMethod]
    public async Task A_duplicate_email_in_any_case_is_refused_with_a_clear_error()
    {
        await Users.CreateAsync("Ann Lee", "ann@example.com", "agent@example.com");

        var error = await Assert.ThrowsExactlyAsync<ConflictException>(() => Users.CreateAsync("Other Ann", "ANN@Example.com", "agent@example.com"));

        Assert.AreEqual(UserRules.EmailTaken, error.Message);
        Assert.AreEqual("email", error.Field);
        await using var db = await Db.CreateDbContextAsync();
        Assert.AreEqual(1, await db.Users.CountAsync());
    }

    [TestMethod]
    public async Task The_database_itself_refuses_a_duplicate_email()
    {
        await using var db = await Db.CreateDbContextAsync();
        db.Users.Add(new UserBuilder().WithEmail("dup@example.com").Build());
        db.Users.Add(new UserBuilder().WithEmail("dup@example.com").Build());

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.IsTrue(DbErrors.IsUniqueViolation(error));
    }

    [TestMethod]
    public async Task Invalid_user_input_is_refused_field_by_field_and_nothing_is_written()
    {
        var error = await Assert.ThrowsExactlyAsync<ValidationFailedException>(() => Users.CreateAsync(" ", "not-an-email", "agent@example.com"));

        CollectionAssert.AreEqual(new[] { UserRules.NameRequired }, error.Errors["name"]);
        CollectionAssert.AreEqual(new[] { UserRules.EmailInvalid }, error.Errors["email"]);
        await using var db = await Db.CreateDbContextAsync();
        Assert.AreEqual(0, await db.Users.CountAsync());
    }

    [TestMethod]
    public async Task An_order_for_an_unknown_user_is_refused()
    {
        var error = await Assert.ThrowsExactlyAsync<ValidationFailedException>(() => Orders.CreateAsync(4242, 10m, "USD", "agent@example.com"));

        CollectionAssert.AreEqual(new[] { OrderRules.UserUnknown }, error.Errors["userId"]);
        await using var db = await Db.CreateDbContextAsync();
        Assert.AreEqual(0, await db.Orders.CountAsync());
    }

    [TestMethod]
    public async Task The_database_itself_refuses_an_order_for_an_unknown_user()
    {
        await using var db = await Db.CreateDbContextAsync();
        var order = new OrderBuilder().Build();
        order.User = null;
        order.UserId = 4242;
        db.Orders.Add(order);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [TestMethod]
    public async Task A_suspended_user_cannot_get_new_orders()
    {
        var userId = await AddAsync(new UserBuilder().Suspended().Build());

        var error = await Assert.ThrowsExactlyAsync<ConflictException>(() => Orders.CreateAsync(userId, 10m, null, "agent@example.com"));

        Assert.AreEqual(OrderRules.UserSuspended, error.Message);
    }

    [TestMethod]
    public async Task A_new_order_is_pending_in_dollars_with_its_creation_in_the_history()
    {
        var user = await Users.CreateAsync("Ann Lee", "ann@example.com", "agent@example.com");

        var order = await Orders.CreateAsync(user.Id, 999_999.99m, null, "agent@example.com");

        Assert.AreEqual(OrderStatus.Pending, order.Status);
        Assert.AreEqual(Currency.USD, order.Currency);
        var read = await Orders.GetAsync(order.Id);
        Assert.AreEqual(999_999.99m, read.Amount);
        var history = await Orders.GetHistoryAsync(order.Id);
        Assert.HasCount(1, history);
        Assert.AreEqual(new HistoryEntryDto(null, OrderStatus.Pending, Now.UtcDateTime, "agent@example.com", null), history[0]);
    }

    [TestMethod]
    public async Task Amounts_are_stored_exactly_and_sort_and_sum_as_numbers()
    {
        var user = new UserBuilder().Build();
        await AddAsync(
            new OrderBuilder().ForUser(user).WithAmount(100m).Build(),
            new OrderBuilder().ForUser(user).WithAmount(9.99m).Build(),
            new OrderBuilder().ForUser(user).WithAmount(0.01m).Build(),
            new OrderBuilder().ForUser(user).WithAmount(1_000_000m).Build());

        await using var db = await Db.CreateDbContextAsync();
        var sorted = await db.Orders.OrderBy(o => o.Amount).Select(o => o.Amount).ToListAsync();
        var total = await db.Orders.SumAsync(o => o.Amount);
        var above = await db.Orders.CountAsync(o => o.Amount > 10m);

        CollectionAssert.AreEqual(new[] { 0.01m, 9.99m, 100m, 1_000_000m }, sorted);
        Assert.AreEqual(1_000_110.00m, total);
        Assert.AreEqual(2, above);
    }

    [TestMethod]
    public async Task A_status_change_writes_the_status_and_its_history_entry_together()
    {
        var orderId = await AddAsync(new OrderBuilder().Build());
        Time.Advance(TimeSpan.FromHours(1));

        var changed = await Transitions.TransitionAsync(new StatusChangeRequest(orderId, OrderStatus.Cancelled, "agent@example.com", "  Customer asked  "));

        Assert.AreEqual(OrderStatus.Cancelled, changed.Status);
        Assert.AreEqual(2, changed.Version);
        var history = await Orders.GetHistoryAsync(orderId);
        Assert.HasCount(2, history);
        Assert.AreEqual(new HistoryEntryDto(OrderStatus.Pending, OrderStatus.Cancelled, Now.UtcDateTime.AddHours(1), "agent@example.com", "Customer asked"), history[1]);
    }

    [TestMethod]
    public async Task When_the_history_entry_cannot_be_written_the_status_does_not_change_either()
    {
        var orderId = await AddAsync(new OrderBuilder().Build());
        await using (var db = await Db.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(FailingHistoryTriggerSql);
        }

        await Assert.ThrowsAsync<DbUpdateException>(() =>
            Transitions.TransitionAsync(new StatusChangeRequest(orderId, OrderStatus.Cancelled, "agent@example.com")));

        var order = await Orders.GetAsync(orderId);
        Assert.AreEqual(OrderStatus.Pending, order.Status);
        Assert.AreEqual(1, order.Version);
        Assert.HasCount(1, await Orders.GetHistoryAsync(orderId));
    }

    [TestMethod]
    public async Task A_refused_transition_names_the_current_and_allowed_statuses_and_writes_nothing()
    {
        var orderId = await AddAsync(new OrderBuilder().InStatus(OrderStatus.Shipped).Build());

        var error = await Assert.ThrowsExactlyAsync<TransitionNotAllowedException>(() =>
            Transitions.TransitionAsync(new StatusChangeRequest(orderId, OrderStatus.Pending, "agent@example.com")));

        Assert.AreEqual(OrderStatus.Shipped, error.Current);
        CollectionAssert.AreEqual(new[] { OrderStatus.Delivered }, error.Allowed.ToArray());
        Assert.HasCount(3, await Orders.GetHistoryAsync(orderId));
    }

    [TestMethod]
    public async Task Paying_needs_a_successful_charge_and_records_it_with_the_move()
    {
        var orderId = await AddAsync(new OrderBuilder().WithAmount(40m, Currency.EUR).Build());
        var request = new StatusChangeRequest(orderId, OrderStatus.Processing, "agent@example.com");

        Gateway.ChargeAnswer = GatewayResult.Declined("card_declined");
        await Assert.ThrowsExactlyAsync<PaymentDeclinedException>(() => Transitions.TransitionAsync(request));
        Assert.AreEqual(OrderStatus.Pending, (await Orders.GetAsync(orderId)).Status, "no move without a successful charge");
        Gateway.ChargeAnswer = GatewayResult.Success("tx_123");
        var paid = await Transitions.TransitionAsync(request);

        Assert.AreEqual(OrderStatus.Processing, paid.Status);
        Assert.AreEqual("tx_123", paid.PaymentTransactionId);
        await using var db = await Db.CreateDbContextAsync();
        var record = await db.PaymentRecords.SingleAsync(p => p.OrderId == orderId && p.Status == PaymentStatus.Succeeded);
        Assert.AreEqual((PaymentKind.Charge, 40m, Currency.EUR, "tx_123"), (record.Kind, record.Amount, record.Currency, record.TransactionId));
    }

    [TestMethod]
    public async Task A_stale_expected_version_is_a_conflict_and_changes_nothing()
    {
        var orderId = await AddAsync(new OrderBuilder().Build());

        await Assert.ThrowsExactlyAsync<ConcurrencyConflictException>(() =>
            Transitions.TransitionAsync(new StatusChangeRequest(orderId, OrderStatus.Cancelled, "agent@example.com", ExpectedVersion: 7)));

        Assert.AreEqual(OrderStatus.Pending, (await Orders.GetAsync(orderId)).Status);
    }

    [TestMethod]
    public async Task Two_concurrent_updates_of_one_order_end_in_a_concurrency_error_not_a_lost_update()
    {
        var orderId = await AddAsync(new OrderBuilder().Build());
        await using var first = await Db.CreateDbContextAsync();
        await using var second = await Db.CreateDbContextAsync();
        var seenByFirst = await first.Orders.SingleAsync(o => o.Id == orderId);
        var seenBySecond = await second.Orders.SingleAsync(o => o.Id == orderId);

        seenByFirst.Amount = 11m;
        await first.SaveChangesAsync();
        seenBySecond.Amount = 22m;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        var stored = await Orders.GetAsync(orderId);
        Assert.AreEqual((11m, 2), (stored.Amount, stored.Version));
    }

    [TestMethod]
    public async Task Two_concurrent_updates_of_one_user_end_in_a_concurrency_error_not_a_lost_update()
    {
        var userId = await AddAsync(new UserBuilder().Build());
        await using var first = await Db.CreateDbContextAsync();
        await using var second = await Db.CreateDbContextAsync();
        var seenByFirst = await first.Users.SingleAsync(u => u.Id == userId);
        var seenBySecond = await second.Users.SingleAsync(u => u.Id == userId);

        seenByFirst.Name = "First";
        await first.SaveChangesAsync();
        seenBySecond.Name = "Second";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.AreEqual("First", (await Users.GetAsync(userId)).Name);
    }

    [TestMethod]
    public async Task Parallel_moves_of_one_order_succeed_once_and_leave_one_history_entry()
    {
        var orderId = await AddAsync(new OrderBuilder().Build());

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await Transitions.TransitionAsync(new StatusChangeRequest(orderId, OrderStatus.Cancelled, $"agent{i}@example.com"));
                return true;
            }
            catch (DomainException e) when (e is ConcurrencyConflictException or TransitionNotAllowedException)
            {
                return false;
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        Assert.AreEqual(1, outcomes.Count(succeeded => succeeded));
        var history = await Orders.GetHistoryAsync(orderId);
        Assert.AreEqual(1, history.Count(h => h.To == OrderStatus.Cancelled));
    }

    [TestMethod]
    public async Task Parallel_pays_of_one_order_through_the_turns_of_separate_instances_charge_once()
    {
        var orderId = await AddAsync(new OrderBuilder().Build());

        // Each Transitions is a service with the turns of an instance of its own.
        var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await Transitions.TransitionAsync(new StatusChangeRequest(orderId, OrderStatus.Processing, $"agent{i}@example.com"));
                return true;
            }
            catch (TransitionNotAllowedException)
            {
                return false;
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        await using var db = await Db.CreateDbContextAsync();
        Assert.AreEqual(1, outcomes.Count(paid => paid));
        Assert.HasCount(1, Gateway.Charges, "the others waited their turn and found the order paid");
        Assert.AreEqual(0, await db.OrderTurns.CountAsync(), "every turn ended");
    }

    [TestMethod]
    public async Task A_user_with_orders_cannot_be_deleted_by_the_database_either()
    {
        var user = new UserBuilder().Build();
        await AddAsync(new OrderBuilder().ForUser(user).Build());

        await using var db = await Db.CreateDbContextAsync();
        db.Users.Remove(await db.Users.SingleAsync(u => u.Id == user.Id));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    private async Task<int> AddAsync(User user)
    {
        await using var db = await Db.CreateDbContextAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    private async Task<int> AddAsync(params Order[] orders)
    {
        await using var db = await Db.CreateDbContextAsync();
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync();
        return orders[0].Id;
    }
}

[TestClass]
public sealed class SqlitePersistenceTests : PersistenceScenarios
{
    protected override string FailingHistoryTriggerSql =>
        "CREATE TRIGGER fail_history BEFORE INSERT ON OrderStatusChanges BEGIN SELECT RAISE(ABORT, 'history write failed'); END;";

    protected override async Task<(IDbContextFactory<AppDbContext>, IAsyncDisposable)> CreateDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync();
        return (database, database);
    }
}

/// <summary>The same scenarios on a live SQL Server; skipped, with the reason, where there is none.</summary>
[TestClass]
[TestCategory(SqlServerTestDatabase.Category)]
public sealed class SqlServerPersistenceTests : PersistenceScenarios
{
    protected override string FailingHistoryTriggerSql =>
        "CREATE TRIGGER fail_history ON OrderStatusChanges AFTER INSERT AS THROW 50000, 'history write failed', 1;";

    protected override async Task<(IDbContextFactory<AppDbContext>, IAsyncDisposable)> CreateDatabaseAsync()
    {
        var database = await SqlServerTestDatabase.CreateAsync();
        return (database, database);
    }
}
