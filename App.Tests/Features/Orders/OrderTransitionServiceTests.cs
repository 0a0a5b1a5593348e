using System.Collections.Concurrent;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace AdminPortal.Tests.Features.Orders;

/// <summary>
/// The payment side of order transitions, with the gateway mocked at its interface (NSubstitute):
/// what reaches the gateway, and what the order and its records look like after each answer.
/// </summary>
[TestClass]
public sealed class OrderTransitionServiceTests
{
    private const string Staff = "agent@example.com";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingNotifier _changes = new();
    private readonly IPaymentGateway _gateway = Substitute.For<IPaymentGateway>();

    // One per host, as the app registers it: every service of this test shares it.
    private DatabaseOrderTurns _turns = null!;
    private TestDatabase _database = null!;
    private int _transactions;

    [TestInitialize]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync();
        _turns = OrderTurns.Of(_database, _time);
        AnswerCharges(null);
        AnswerRefunds(null);
    }

    [TestCleanup]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [TestMethod]
    public async Task A_successful_charge_moves_the_order_to_processing_and_records_the_transaction()
    {
        var order = await AddAsync(new OrderBuilder().WithAmount(12.34m, Currency.EUR).Build());

        var moved = await NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff, ExpectedVersion: 1));

        Assert.AreEqual(OrderStatus.Processing, moved.Status);
        Assert.AreEqual("ch_1", moved.PaymentTransactionId);
        var saved = await ReadAsync(order.Id);
        Assert.AreEqual(OrderStatus.Processing, saved.Status);
        Assert.AreEqual("ch_1", saved.PaymentTransactionId);
        Assert.AreEqual(2, saved.Version);
        var payment = saved.Payments.Single();
        Assert.AreEqual(
            (PaymentKind.Charge, PaymentStatus.Succeeded, 12.34m, Currency.EUR, "ch_1", (string?)null, Now),
            (payment.Kind, payment.Status, payment.Amount, payment.Currency, payment.TransactionId, payment.Error, payment.At));
        var entry = saved.History.OrderBy(h => h.Id).Last();
        Assert.AreEqual((OrderStatus.Pending, OrderStatus.Processing, Staff, Now), (entry.From!.Value, entry.To, entry.ChangedBy, entry.At));
        CollectionAssert.Contains(_changes.Published.ToArray(), new ChangeEvent(ChangedEntity.Order, order.Id));
    }

    [TestMethod]
    public async Task A_declined_charge_leaves_the_order_pending_with_a_declined_record_after_one_gateway_call()
    {
        AnswerCharges(GatewayResult.Declined("insufficient_funds"));
        var order = await AddAsync(new OrderBuilder().WithAmount(12.34m, Currency.GBP).Build());

        var error = await Assert.ThrowsExactlyAsync<PaymentDeclinedException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff)));

        Assert.AreEqual("insufficient_funds", error.DeclineCode);
        StringAssert.Contains(error.Message, "declined (insufficient_funds)");
        AssertChargedOnce(order);
        await AssertUnchangedWithOneRecordAsync(order.Id, OrderStatus.Pending, PaymentKind.Charge, PaymentStatus.Declined, "insufficient_funds");
    }

    [TestMethod]
    public async Task An_unavailable_gateway_leaves_the_order_pending_with_a_failed_record_after_one_gateway_call()
    {
        AnswerCharges(GatewayResult.Unavailable("connection refused"));
        var order = await AddAsync(new OrderBuilder().WithAmount(12.34m, Currency.GBP).Build());

        var error = await Assert.ThrowsExactlyAsync<PaymentUnavailableException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff)));

        StringAssert.Contains(error.Message, "unavailable, nothing was charged");
        AssertChargedOnce(order);
        await AssertUnchangedWithOneRecordAsync(order.Id, OrderStatus.Pending, PaymentKind.Charge, PaymentStatus.Failed, "connection refused");
    }

    [TestMethod]
    public async Task Failed_attempts_are_announced_so_open_pages_show_the_record()
    {
        AnswerCharges(GatewayResult.Declined("card_declined"));
        var order = await AddAsync(new OrderBuilder().Build());

        await Assert.ThrowsExactlyAsync<PaymentDeclinedException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff)));

        CollectionAssert.Contains(_changes.Published.ToArray(), new ChangeEvent(ChangedEntity.Order, order.Id));
    }

    [TestMethod]
    public async Task A_declined_charge_can_be_tried_again_and_then_succeed()
    {
        AnswerCharges(GatewayResult.Declined("card_declined"));
        var order = await AddAsync(new OrderBuilder().Build());
        await Assert.ThrowsExactlyAsync<PaymentDeclinedException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff)));

        AnswerCharges(null);
        await NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff, ExpectedVersion: 1));

        Assert.HasCount(2, Charges());
        Assert.AreNotEqual(Charges()[0].IdempotencyKey, Charges()[1].IdempotencyKey, "a new attempt is a new charge");
        var saved = await ReadAsync(order.Id);
        Assert.AreEqual(OrderStatus.Processing, saved.Status);
        CollectionAssert.AreEqual(
            new[] { PaymentStatus.Declined, PaymentStatus.Succeeded },
            saved.Payments.OrderBy(p => p.Id).Select(p => p.Status).ToArray());
    }

    [TestMethod]
    public async Task After_an_unavailable_gateway_the_next_attempt_reuses_the_key_so_a_charge_that_did_go_through_is_not_made_twice()
    {
        AnswerCharges(GatewayResult.Unavailable("timed out"));
        var order = await AddAsync(new OrderBuilder().Build());
        await Assert.ThrowsExactlyAsync<PaymentUnavailableException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff)));

        AnswerCharges(null);
        await NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff, ExpectedVersion: 1));

        Assert.HasCount(2, Charges());
        Assert.AreEqual(Charges()[0].IdempotencyKey, Charges()[1].IdempotencyKey, "the gateway answers the retry with what it did the first time");
        CollectionAssert.AreEqual(
            new[] { PaymentStatus.Failed, PaymentStatus.Succeeded },
            (await ReadAsync(order.Id)).Payments.OrderBy(p => p.Id).Select(p => p.Status).ToArray());
    }

    [TestMethod]
    public async Task A_corrected_amount_is_a_new_request_with_a_new_key()
    {
        AnswerCharges(GatewayResult.Unavailable("timed out"));
        var order = await AddAsync(new OrderBuilder().WithAmount(10m).Build());
        await Assert.ThrowsExactlyAsync<PaymentUnavailableException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff)));
        await using (var db = _database.CreateDbContext())
        {
            (await db.Orders.SingleAsync(o => o.Id == order.Id)).Amount = 12m;
            await db.SaveChangesAsync();
        }

        AnswerCharges(null);
        await NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff));

        Assert.AreEqual((10m, 12m), (Charges()[0].Amount, Charges()[1].Amount));
        Assert.AreNotEqual(Charges()[0].IdempotencyKey, Charges()[1].IdempotencyKey);
    }

    [TestMethod]
    public async Task Cancelling_a_processing_order_refunds_the_charge_by_its_transaction_id()
    {
        var built = new OrderBuilder().WithAmount(40m, Currency.EUR).InStatus(OrderStatus.Processing).Build();
        built.PaymentTransactionId = "ch_original";
        var order = await AddAsync(built);

        var moved = await NewService().TransitionAsync(
            new StatusChangeRequest(order.Id, OrderStatus.Cancelled, Staff, "  Customer asked  ", ExpectedVersion: 1));

        await _gateway.Received(1).RefundAsync(
            Arg.Is<RefundRequest>(r => r.OrderId == order.Id && r.TransactionId == "ch_original" && r.Amount == 40m && r.Currency == Currency.EUR),
            Arg.Any<CancellationToken>());
        await _gateway.DidNotReceiveWithAnyArgs().ChargeAsync(default!, default);
        Assert.AreEqual(OrderStatus.Cancelled, moved.Status);
        var saved = await ReadAsync(order.Id);
        var payment = saved.Payments.Single();
        Assert.AreEqual((PaymentKind.Refund, PaymentStatus.Succeeded, "re_1"), (payment.Kind, payment.Status, payment.TransactionId));
        Assert.AreEqual("Customer asked", saved.History.OrderBy(h => h.Id).Last().Reason, "stored trimmed");
    }

    [TestMethod]
    public async Task A_failed_refund_leaves_the_order_processing_with_a_record()
    {
        AnswerRefunds(GatewayResult.Unavailable("timeout"));
        var order = await AddAsync(new OrderBuilder().InStatus(OrderStatus.Processing).Build());

        var error = await Assert.ThrowsExactlyAsync<PaymentUnavailableException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Cancelled, Staff)));

        Assert.AreEqual(PaymentKind.Refund, error.Kind);
        await AssertUnchangedWithOneRecordAsync(order.Id, OrderStatus.Processing, PaymentKind.Refund, PaymentStatus.Failed, "timeout");
    }

    [TestMethod]
    public async Task Cancelling_a_pending_order_calls_no_gateway()
    {
        var order = await AddAsync(new OrderBuilder().Build());

        var moved = await NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Cancelled, Staff, ExpectedVersion: 1));

        Assert.AreEqual(OrderStatus.Cancelled, moved.Status);
        Assert.IsEmpty(_gateway.ReceivedCalls(), "no gateway call for cancelling an unpaid order");
        Assert.IsEmpty((await ReadAsync(order.Id)).Payments);
    }

    [TestMethod]
    [DataRow(OrderStatus.Processing, OrderStatus.Shipped)]
    [DataRow(OrderStatus.Shipped, OrderStatus.Delivered)]
    public async Task Moves_without_a_side_effect_call_no_gateway(OrderStatus from, OrderStatus to)
    {
        var order = await AddAsync(new OrderBuilder().InStatus(from).Build());

        await NewService().TransitionAsync(new StatusChangeRequest(order.Id, to, Staff, ExpectedVersion: 1));

        Assert.AreEqual(to, (await ReadAsync(order.Id)).Status);
        Assert.IsEmpty(Charges());
        Assert.IsEmpty(Refunds());
    }

    [TestMethod]
    [DataRow(OrderStatus.Pending, OrderStatus.Shipped)]
    [DataRow(OrderStatus.Processing, OrderStatus.Processing)]
    [DataRow(OrderStatus.Delivered, OrderStatus.Cancelled)]
    [DataRow(OrderStatus.Cancelled, OrderStatus.Processing)]
    public async Task A_move_the_life_cycle_forbids_names_where_the_order_is_and_may_go_and_calls_no_gateway(OrderStatus from, OrderStatus to)
    {
        var order = await AddAsync(new OrderBuilder().InStatus(from).Build());

        var error = await Assert.ThrowsExactlyAsync<TransitionNotAllowedException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(order.Id, to, Staff)));

        Assert.AreEqual(from, error.Current);
        CollectionAssert.AreEqual(OrderLifecycle.AllowedFrom(from).ToArray(), error.Allowed.ToArray());
        Assert.IsEmpty(Charges());
        Assert.IsEmpty(Refunds());
        Assert.AreEqual(1, (await ReadAsync(order.Id)).Version);
    }

    [TestMethod]
    [DataRow(OrderStatus.Pending, OrderStatus.Processing)]
    [DataRow(OrderStatus.Pending, OrderStatus.Cancelled)]
    [DataRow(OrderStatus.Processing, OrderStatus.Cancelled)]
    [DataRow(OrderStatus.Processing, OrderStatus.Shipped)]
    public async Task A_stale_version_is_a_conflict_that_writes_nothing_and_calls_no_gateway(OrderStatus from, OrderStatus to)
    {
        var order = await AddAsync(new OrderBuilder().InStatus(from).Build());
        await TouchAsync(order.Id);

        await Assert.ThrowsExactlyAsync<ConcurrencyConflictException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(order.Id, to, Staff, ExpectedVersion: 1)));

        var saved = await ReadAsync(order.Id);
        Assert.AreEqual((from, 2), (saved.Status, saved.Version));
        Assert.IsEmpty(saved.Payments);
        Assert.IsEmpty(Charges());
        Assert.IsEmpty(Refunds());
    }

    [TestMethod]
    public async Task An_unknown_order_is_not_found()
    {
        await Assert.ThrowsExactlyAsync<NotFoundException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(404, OrderStatus.Processing, Staff)));

        Assert.IsEmpty(Charges());
    }

    [TestMethod]
    public async Task A_reason_over_500_characters_is_refused_under_reason()
    {
        var order = await AddAsync(new OrderBuilder().Build());

        var error = await Assert.ThrowsExactlyAsync<ValidationFailedException>(
            () => NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Cancelled, Staff, new string('x', 501))));

        CollectionAssert.AreEqual(new[] { OrderRules.ReasonTooLong }, error.Errors["reason"]);
        Assert.AreEqual(OrderStatus.Pending, (await ReadAsync(order.Id)).Status);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public async Task Two_staff_paying_at_once_charge_once_and_move_the_order_once(bool withVersion)
    {
        // Each side holds its own service, as two circuits would; the gateway answers later, not inline.
        var order = await AddAsync(new OrderBuilder().WithAmount(10m).Build());
        var expected = withVersion ? 1 : (int?)null;
        var first = NewService();
        var second = NewService();

        var outcomes = await Task.WhenAll(
            Task.Run(() => OutcomeOf(() => first.TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, "ann@example.com", ExpectedVersion: expected)))),
            Task.Run(() => OutcomeOf(() => second.TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, "bob@example.com", ExpectedVersion: expected)))));

        Assert.HasCount(1, outcomes.Where(o => o is null), "exactly one succeeded");
        var refused = outcomes.Single(o => o is not null)!;
        Assert.IsTrue(refused is TransitionNotAllowedException or ConcurrencyConflictException, refused.ToString());
        Assert.HasCount(1, Charges(), "one charge request reached the gateway");
        var saved = await ReadAsync(order.Id);
        Assert.AreEqual(OrderStatus.Processing, saved.Status);
        CollectionAssert.AreEqual(
            new[] { (OrderStatus?)null, OrderStatus.Pending },
            saved.History.OrderBy(h => h.Id).Select(h => h.From).ToArray(),
            "one creation entry and one transition");
        Assert.AreEqual(PaymentStatus.Succeeded, saved.Payments.Single().Status);
        Assert.AreEqual(saved.Payments.Single().TransactionId, saved.PaymentTransactionId);
    }

    [TestMethod]
    public async Task An_invalid_reason_is_refused_before_any_refund_is_attempted()
    {
        var order = await AddAsync(new OrderBuilder().InStatus(OrderStatus.Processing).Build());

        var error = await Assert.ThrowsExactlyAsync<ValidationFailedException>(() =>
            NewService().TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Cancelled, Staff, new string('r', 501))));

        Assert.IsTrue(error.Errors.ContainsKey("reason"));
        Assert.IsEmpty(Refunds(), "no money moved for a request that was refused");
        Assert.AreEqual(OrderStatus.Processing, (await ReadAsync(order.Id)).Status);
    }

    [TestMethod]
    public async Task A_payment_reads_the_order_once_and_writes_the_move_its_history_its_record_and_its_audit_entry_in_one_save()
    {
        var order = await AddAsync(new OrderBuilder().Build());
        var commands = new ConcurrentQueue<string>();
        var service = new OrderTransitionService(_database.LoggingCommandsTo(commands), _turns, _gateway, _time, _changes);

        await service.TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff, ExpectedVersion: 1));

        CollectionAssert.AreEquivalent(new[] { "SELECT", "INSERT", "INSERT", "INSERT", "UPDATE" }, Statements(commands));
        StringAssert.Contains(commands.Single(c => Statement(c) == "UPDATE"), "\"Version\" = ", "the write is the version check");
        Assert.AreEqual(1, commands.Count(c => c.Contains("\"AuditEntries\"", StringComparison.Ordinal)), "the audit entry is in the same save");
    }

    [TestMethod]
    public async Task The_turn_of_a_move_is_one_insert_before_it_and_one_delete_after_it()
    {
        var order = await AddAsync(new OrderBuilder().Build());
        var commands = new ConcurrentQueue<string>();
        var logged = _database.LoggingCommandsTo(commands);
        var service = new OrderTransitionService(_database, OrderTurns.Of(logged, _time), _gateway, _time, _changes);

        await service.TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff));

        CollectionAssert.AreEqual(new[] { "INSERT", "DELETE" }, Statements(commands));
        Assert.IsTrue(commands.All(c => c.Contains("OrderTurns", StringComparison.Ordinal)), string.Join("\n", commands));
        await using var db = _database.CreateDbContext();
        Assert.AreEqual(0, await db.OrderTurns.CountAsync(), "no turn outlives its move");
    }

    [TestMethod]
    public async Task A_declined_payment_reads_the_order_once_and_writes_only_its_record()
    {
        AnswerCharges(GatewayResult.Declined("card_declined"));
        var order = await AddAsync(new OrderBuilder().Build());
        var commands = new ConcurrentQueue<string>();
        var service = new OrderTransitionService(_database.LoggingCommandsTo(commands), _turns, _gateway, _time, _changes);

        await Assert.ThrowsExactlyAsync<PaymentDeclinedException>(
            () => service.TransitionAsync(new StatusChangeRequest(order.Id, OrderStatus.Processing, Staff, ExpectedVersion: 1)));

        CollectionAssert.AreEqual(new[] { "SELECT", "INSERT" }, Statements(commands));
        StringAssert.Contains(commands.Last(), "\"PaymentRecords\"");
    }

    private static string[] Statements(IEnumerable<string> commands) => [.. commands.Select(Statement)];

    // The first word of the SQL that EF's command log shows under "Executed DbCommand".
    private static string Statement(string logged) =>
        logged.Split('\n').Select(line => line.Trim()).First(line => line.Split(' ')[0] is "SELECT" or "INSERT" or "UPDATE" or "DELETE").Split(' ')[0];

    private static DateTime Now => new(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);

    private OrderTransitionService NewService() => new(_database, _turns, _gateway, _time, _changes);

    private void AssertChargedOnce(Order order)
    {
        _gateway.Received(1).ChargeAsync(
            Arg.Is<ChargeRequest>(c => c.OrderId == order.Id && c.UserId == order.UserId && c.Amount == order.Amount && c.Currency == order.Currency
                                       && !string.IsNullOrEmpty(c.IdempotencyKey)),
            Arg.Any<CancellationToken>());
        _gateway.DidNotReceiveWithAnyArgs().RefundAsync(default!, default);
    }

    /// <summary>Every charge gets <paramref name="answer"/>; null: success with <c>ch_&lt;n&gt;</c>. The answer comes later, never inline, as over a network.</summary>
    private void AnswerCharges(GatewayResult? answer) =>
        _gateway.ChargeAsync(Arg.Any<ChargeRequest>(), Arg.Any<CancellationToken>())
            .Returns(async _ =>
            {
                await Task.Yield();
                return answer ?? GatewayResult.Success($"ch_{Interlocked.Increment(ref _transactions)}");
            });

    private void AnswerRefunds(GatewayResult? answer) =>
        _gateway.RefundAsync(Arg.Any<RefundRequest>(), Arg.Any<CancellationToken>())
            .Returns(async _ =>
            {
                await Task.Yield();
                return answer ?? GatewayResult.Success($"re_{Interlocked.Increment(ref _transactions)}");
            });

    private List<ChargeRequest> Charges() => Received<ChargeRequest>(nameof(IPaymentGateway.ChargeAsync));

    private List<RefundRequest> Refunds() => Received<RefundRequest>(nameof(IPaymentGateway.RefundAsync));

    private List<T> Received<T>(string method) =>
        [.. _gateway.ReceivedCalls().Where(c => c.GetMethodInfo().Name == method).Select(c => (T)c.GetArguments()[0]!)];

    private async Task AssertUnchangedWithOneRecordAsync(int id, OrderStatus status, PaymentKind kind, PaymentStatus outcome, string error)
    {
        var saved = await ReadAsync(id);
        Assert.AreEqual(status, saved.Status);
        Assert.AreEqual(1, saved.Version, "the order row was not written");
        Assert.AreEqual(status == OrderStatus.Pending ? null : "test_ch_1", saved.PaymentTransactionId);
        Assert.AreEqual(status == OrderStatus.Pending ? 1 : 2, saved.History.Count, "no history entry for a failed attempt");
        var payment = saved.Payments.Single();
        Assert.AreEqual((kind, outcome, error, (string?)null), (payment.Kind, payment.Status, payment.Error, payment.TransactionId));
    }

    private static async Task<Exception?> OutcomeOf(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (DomainException e)
        {
            return e;
        }
    }

    private async Task<Order> AddAsync(Order order)
    {
        await using var db = _database.CreateDbContext();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    private async Task<Order> ReadAsync(int id)
    {
        await using var db = _database.CreateDbContext();
        return await db.Orders.AsNoTracking().Include(o => o.History).Include(o => o.Payments).SingleAsync(o => o.Id == id);
    }

    // Someone else's write: the order gets a new version and nothing else changes.
    private async Task TouchAsync(int id)
    {
        await using var db = _database.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.Id == id);
        order.UpdatedAt = order.UpdatedAt.AddSeconds(1);
        await db.SaveChangesAsync();
    }
}
