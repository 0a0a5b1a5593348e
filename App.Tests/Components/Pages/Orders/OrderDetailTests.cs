using AdminPortal.Components.Pages.Orders;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Pages.Orders;

[TestClass]
public sealed class OrderDetailTests : OrderPageTest
{
    private const string Staff = "agent@example.com";

    // What staff may do from each status, written out here rather than read from OrderLifecycle,
    // so a change to the life-cycle table has to be made twice on purpose.
    private static readonly Dictionary<OrderStatus, string[]> ExpectedButtons = new()
    {
        [OrderStatus.Pending] = ["Pay", "Cancel"],
        [OrderStatus.Processing] = ["Ship", "Cancel"],
        [OrderStatus.Shipped] = ["Mark delivered"],
        [OrderStatus.Delivered] = [],
        [OrderStatus.Cancelled] = [],
    };

    [TestMethod]
    public async Task Shows_the_order_its_user_its_history_and_its_payment_records()
    {
        var ann = new UserBuilder().Named("Ann Lee").WithEmail("ann.detail@example.com").Build();
        var order = new OrderBuilder().ForUser(ann).WithAmount(1234.5m, Currency.EUR).InStatus(OrderStatus.Processing).Build();
        order.Payments.Add(new PaymentRecord
        {
            Kind = PaymentKind.Charge, Amount = 1234.5m, Currency = Currency.EUR, Status = PaymentStatus.Succeeded,
            TransactionId = "test_ch_1", At = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
        });
        var id = (await AddAsync(order))[0];
        SignInAs(StaffRoles.Viewer);

        var page = RenderOrder(id);

        page.WaitForAssertion(() => Assert.AreEqual("processing", StatusOf(page)));
        Assert.HasCount(1, page.FindAll("h1"));
        Assert.AreEqual($"Order #{id}", page.Find("h1").TextContent);
        Assert.AreEqual("1,234.50 EUR", page.Find("[data-testid=order-amount]").TextContent);
        Assert.AreEqual("Ann Lee", page.Find($"a[href='users/{ann.Id}']").TextContent);
        StringAssert.Contains(page.Markup, "ann.detail@example.com");
        StringAssert.Contains(page.Markup, "2026-01-02 00:00:00");
        CollectionAssert.AreEqual(
            new[] { "Created as pending by builder@example.com", "pending to processing by builder@example.com" },
            HistoryOf(page).Select(h => h[..h.IndexOf(", ", StringComparison.Ordinal)]).ToArray());
        CollectionAssert.AreEqual(
            new[] { "charge", "1,234.50", "EUR", "succeeded", "test_ch_1", "", "2026-01-02 00:00:00", "" },
            PaymentRows(page).Single());
    }

    [TestMethod]
    [DataRow(OrderStatus.Pending)]
    [DataRow(OrderStatus.Processing)]
    [DataRow(OrderStatus.Shipped)]
    [DataRow(OrderStatus.Delivered)]
    [DataRow(OrderStatus.Cancelled)]
    public async Task Staff_who_may_write_are_offered_exactly_the_allowed_actions(OrderStatus status)
    {
        var id = (await AddAsync(new OrderBuilder().InStatus(status).Build()))[0];
        SignInAs(StaffRoles.Agent);

        var page = RenderOrder(id);

        page.WaitForAssertion(() => Assert.AreEqual(status.ToString().ToLowerInvariant(), StatusOf(page)));
        CollectionAssert.AreEqual(ExpectedButtons[status], ButtonsOf(page));
        Assert.IsTrue(page.FindAll("button").All(b => !b.HasAttribute("disabled")));
    }

    [TestMethod]
    [DataRow(OrderStatus.Pending)]
    [DataRow(OrderStatus.Processing)]
    [DataRow(OrderStatus.Shipped)]
    public async Task A_viewer_is_offered_no_action(OrderStatus status)
    {
        var id = (await AddAsync(new OrderBuilder().InStatus(status).Build()))[0];
        SignInAs(StaffRoles.Viewer);

        var page = RenderOrder(id);

        page.WaitForAssertion(() => Assert.AreEqual(status.ToString().ToLowerInvariant(), StatusOf(page)));
        Assert.IsEmpty(page.FindAll("button"));
        Assert.IsEmpty(page.FindAll("#actions-heading"));
    }

    [TestMethod]
    public async Task Pay_takes_the_payment_and_shows_the_order_processing_with_its_history_and_payment_record()
    {
        var id = (await AddAsync(new OrderBuilder().WithAmount(10.00m).Build()))[0];
        SignInAs(StaffRoles.Agent, Staff);
        var page = RenderOrder(id);

        await ClickAsync(page, "Pay");

        page.WaitForAssertion(() => Assert.AreEqual(
            "The payment was taken; the order is now processing.", page.Find("[role=status]").TextContent));
        Assert.AreEqual("processing", StatusOf(page));
        StringAssert.StartsWith(HistoryOf(page).Last(), $"pending to processing by {Staff}, 2026-06-01 09:00:00 UTC");
        CollectionAssert.AreEqual(new[] { "charge", "10.00", "USD", "succeeded", "fake_1", "" }, PaymentRows(page).Single()[..6]);
        Assert.AreEqual(Staff, PaymentRows(page).Single()[7], "the payment record names who asked for it");
        CollectionAssert.AreEqual(ExpectedButtons[OrderStatus.Processing], ButtonsOf(page));
        var saved = await ReadOrderAsync(id);
        Assert.AreEqual(OrderStatus.Processing, saved.Status);
        Assert.AreEqual("fake_1", saved.PaymentTransactionId);
    }

    [TestMethod]
    public async Task A_declined_payment_shows_the_reason_and_leaves_the_order_pending_with_a_declined_record()
    {
        var id = (await AddAsync(new OrderBuilder().WithAmount(10.51m).Build()))[0];
        SignInAs(StaffRoles.Agent);
        var page = RenderOrder(id);

        await ClickAsync(page, "Pay");

        page.WaitForAssertion(() => StringAssert.StartsWith(
            page.Find("[role=alert]").TextContent, "The payment was declined (card_declined)"));
        Assert.AreEqual("pending", StatusOf(page));
        CollectionAssert.AreEqual(ExpectedButtons[OrderStatus.Pending], ButtonsOf(page), "Pay can be tried again");
        CollectionAssert.AreEqual(new[] { "charge", "10.51", "USD", "declined", "", "card_declined" }, PaymentRows(page).Single()[..6]);
        Assert.AreEqual("staff@example.com", PaymentRows(page).Single()[7], "a refused attempt is audited with who asked for it");
        var saved = await ReadOrderAsync(id);
        Assert.AreEqual(OrderStatus.Pending, saved.Status);
        Assert.AreEqual(1, saved.Version, "the order itself was not written");
        Assert.HasCount(1, saved.History);
        Assert.AreEqual(PaymentStatus.Declined, saved.Payments.Single().Status);
    }

    [TestMethod]
    public async Task An_unavailable_gateway_says_nothing_was_charged_and_changes_nothing_but_the_record()
    {
        var id = (await AddAsync(new OrderBuilder().WithAmount(10.52m).Build()))[0];
        SignInAs(StaffRoles.Agent);
        var page = RenderOrder(id);

        await ClickAsync(page, "Pay");

        page.WaitForAssertion(() => StringAssert.Contains(
            page.Find("[role=alert]").TextContent, "the payment service is unavailable, nothing was charged", StringComparison.OrdinalIgnoreCase));
        Assert.AreEqual("pending", StatusOf(page));
        CollectionAssert.AreEqual(new[] { "charge", "10.52", "USD", "failed", "" }, PaymentRows(page).Single()[..5]);
        var saved = await ReadOrderAsync(id);
        Assert.AreEqual(OrderStatus.Pending, saved.Status);
        Assert.AreEqual(1, saved.Version);
        Assert.IsNull(saved.PaymentTransactionId);
        Assert.HasCount(1, saved.History);
        Assert.AreEqual(PaymentStatus.Failed, saved.Payments.Single().Status);
    }

    [TestMethod]
    public async Task Cancel_asks_for_a_reason_and_a_confirmation_and_keeping_the_order_changes_nothing()
    {
        var id = (await AddAsync(new OrderBuilder().Build()))[0];
        SignInAs(StaffRoles.Agent);
        var page = RenderOrder(id);

        await ClickAsync(page, "Cancel");

        Assert.AreEqual("Reason", page.Find("label[for=cancel-reason]").TextContent);
        Assert.IsNotNull(page.Find("textarea#cancel-reason"));
        CollectionAssert.AreEqual(new[] { "Confirm cancel", "Keep order" }, ButtonsOf(page));
        await ClickAsync(page, "Keep order");
        CollectionAssert.AreEqual(ExpectedButtons[OrderStatus.Pending], ButtonsOf(page));
        var saved = await ReadOrderAsync(id);
        Assert.AreEqual(OrderStatus.Pending, saved.Status);
        Assert.AreEqual(1, saved.Version);
    }

    [TestMethod]
    public async Task Cancelling_a_processing_order_with_a_reason_refunds_the_payment()
    {
        var id = (await AddAsync(new OrderBuilder().WithAmount(40m, Currency.GBP).InStatus(OrderStatus.Processing).Build()))[0];
        SignInAs(StaffRoles.Agent, Staff);
        var page = RenderOrder(id);
        await ClickAsync(page, "Cancel");
        StringAssert.Contains(page.Find("#cancel-question").TextContent, "The payment of 40.00 GBP will be refunded.");

        await UserAsync(() => page.Find("#cancel-reason").Change("Customer changed their mind"));
        await ClickAsync(page, "Confirm cancel");

        page.WaitForAssertion(() => Assert.AreEqual(
            "The payment was refunded; the order is now cancelled.", page.Find("[role=status]").TextContent));
        Assert.AreEqual("cancelled", StatusOf(page));
        Assert.IsEmpty(ButtonsOf(page));
        StringAssert.StartsWith(HistoryOf(page).Last(), $"processing to cancelled by {Staff}");
        StringAssert.EndsWith(HistoryOf(page).Last(), "Reason: Customer changed their mind");
        CollectionAssert.AreEqual(new[] { "refund", "40.00", "GBP", "succeeded" }, PaymentRows(page).Single()[..4]);
        var saved = await ReadOrderAsync(id);
        Assert.AreEqual(OrderStatus.Cancelled, saved.Status);
        Assert.AreEqual("Customer changed their mind", saved.History.OrderBy(h => h.Id).Last().Reason);
    }

    [TestMethod]
    public async Task Cancelling_a_pending_order_needs_no_reason_and_takes_no_payment()
    {
        var gateway = UseGateway(new RecordingPaymentGateway());
        var id = (await AddAsync(new OrderBuilder().Build()))[0];
        SignInAs(StaffRoles.Agent);
        var page = RenderOrder(id);

        await ClickAsync(page, "Cancel");
        await ClickAsync(page, "Confirm cancel");

        page.WaitForAssertion(() => Assert.AreEqual("The order is now cancelled.", page.Find("[role=status]").TextContent));
        Assert.IsEmpty(gateway.Charges);
        Assert.IsEmpty(gateway.Refunds);
        Assert.IsNull((await ReadOrderAsync(id)).History.OrderBy(h => h.Id).Last().Reason);
    }

    [TestMethod]
    public async Task An_invalid_reason_is_shown_at_the_field_and_nothing_is_refunded()
    {
        var gateway = UseGateway(new RecordingPaymentGateway());
        var id = (await AddAsync(new OrderBuilder().InStatus(OrderStatus.Processing).Build()))[0];
        SignInAs(StaffRoles.Agent);
        var page = RenderOrder(id);
        await ClickAsync(page, "Cancel");

        await UserAsync(() => page.Find("#cancel-reason").Change("Bell \u0007 in the reason"));
        await ClickAsync(page, "Confirm cancel");

        Assert.AreEqual(OrderRules.ReasonControlCharacters, page.Find("#cancel-reason-error").TextContent);
        Assert.AreEqual("true", page.Find("#cancel-reason").GetAttribute("aria-invalid"));
        Assert.IsEmpty(gateway.Refunds);
        Assert.AreEqual(OrderStatus.Processing, (await ReadOrderAsync(id)).Status);
    }

    [TestMethod]
    public async Task Ship_and_mark_delivered_move_the_order_without_the_gateway()
    {
        var gateway = UseGateway(new RecordingPaymentGateway());
        var id = (await AddAsync(new OrderBuilder().InStatus(OrderStatus.Processing).Build()))[0];
        SignInAs(StaffRoles.Admin);
        var page = RenderOrder(id);

        await ClickAsync(page, "Ship");
        page.WaitForAssertion(() => Assert.AreEqual("shipped", StatusOf(page)));
        await ClickAsync(page, "Mark delivered");

        page.WaitForAssertion(() => Assert.AreEqual("The order is now delivered.", page.Find("[role=status]").TextContent));
        Assert.AreEqual("delivered", StatusOf(page));
        Assert.IsEmpty(ButtonsOf(page));
        Assert.IsEmpty(gateway.Charges);
        Assert.IsEmpty(gateway.Refunds);
    }

    [TestMethod]
    public async Task A_change_made_behind_the_pages_back_is_a_conflict_that_overwrites_nothing()
    {
        var gateway = UseGateway(new RecordingPaymentGateway());
        var id = (await AddAsync(new OrderBuilder().WithAmount(25m).Build()))[0];
        SignInAs(StaffRoles.Agent);
        var page = RenderOrder(id);
        page.WaitForAssertion(() => Assert.AreEqual("25.00 USD", page.Find("[data-testid=order-amount]").TextContent));

        // Another instance changed the order and its notification has not arrived here yet.
        await using (var db = Database.CreateDbContext())
        {
            var order = await db.Orders.FindAsync(id);
            order!.Amount = 30m;
            await db.SaveChangesAsync();
        }

        await ClickAsync(page, "Pay");

        page.WaitForAssertion(() => Assert.AreEqual(OrderActions.ConflictMessage, page.Find("[role=alert]").TextContent));
        Assert.AreEqual("30.00 USD", page.Find("[data-testid=order-amount]").TextContent, "the page shows the current state");
        Assert.IsEmpty(gateway.Charges, "nothing was charged");
        var saved = await ReadOrderAsync(id);
        Assert.AreEqual(OrderStatus.Pending, saved.Status);
        Assert.AreEqual(30m, saved.Amount);
        Assert.AreEqual(2, saved.Version);
        Assert.IsEmpty(saved.Payments);
    }

    [TestMethod]
    public async Task An_action_no_longer_allowed_says_so_and_shows_the_current_state()
    {
        var id = (await AddAsync(new OrderBuilder().Build()))[0];
        SignInAs(StaffRoles.Agent);
        var page = RenderOrder(id);
        page.WaitForAssertion(() => CollectionAssert.AreEqual(ExpectedButtons[OrderStatus.Pending], ButtonsOf(page)));

        // Cancelled by someone whose change notice has not reached this page.
        await MoveAsSomeoneElseAsync(id, OrderStatus.Cancelled, "other@example.com", announced: false);
        await ClickAsync(page, "Pay");

        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[role=alert]").TextContent, "cannot become processing"));
        Assert.AreEqual("cancelled", StatusOf(page));
        Assert.IsEmpty(ButtonsOf(page));
        Assert.IsEmpty((await ReadOrderAsync(id)).Payments);
    }

    [TestMethod]
    public async Task While_an_action_runs_its_buttons_are_disabled_and_a_second_click_does_nothing()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = UseGateway(new RecordingPaymentGateway { Hold = release.Task });
        var id = (await AddAsync(new OrderBuilder().Build()))[0];
        SignInAs(StaffRoles.Agent);
        var page = RenderOrder(id);

        try
        {
            await ClickAsync(page, "Pay");
            await gateway.Entered;

            page.WaitForAssertion(() => Assert.IsTrue(page.FindAll("button").All(b => b.HasAttribute("disabled"))));
            Assert.AreEqual("true", page.Find("section[aria-labelledby=actions-heading]").GetAttribute("aria-busy"));
            await page.Find("button").ClickAsync(new());
        }
        finally
        {
            release.TrySetResult();
        }

        page.WaitForAssertion(() => Assert.AreEqual("processing", StatusOf(page)));
        Assert.HasCount(1, gateway.Charges);
        Assert.IsTrue(page.FindAll("button").All(b => !b.HasAttribute("disabled")));
    }

    [TestMethod]
    public async Task A_change_made_elsewhere_re_renders_the_page()
    {
        var id = (await AddAsync(new OrderBuilder().Build()))[0];
        SignInAs(StaffRoles.Agent);
        var page = RenderOrder(id);
        page.WaitForAssertion(() => Assert.AreEqual("pending", StatusOf(page)));

        await MoveAsSomeoneElseAsync(id, OrderStatus.Cancelled, "other@example.com", "Out of stock");

        page.WaitForAssertion(() =>
        {
            Assert.AreEqual("cancelled", StatusOf(page));
            StringAssert.StartsWith(HistoryOf(page).Last(), "pending to cancelled by other@example.com");
            Assert.IsEmpty(ButtonsOf(page));
        });
    }

    [TestMethod]
    public async Task A_change_to_another_order_does_not_reload_this_one()
    {
        var ids = await AddAsync(new OrderBuilder().Build(), new OrderBuilder().Build());
        SignInAs(StaffRoles.Viewer);
        var page = RenderOrder(ids[0]);
        page.WaitForAssertion(() => Assert.AreEqual("pending", StatusOf(page)));
        var renders = page.RenderCount;

        await MoveAsSomeoneElseAsync(ids[1], OrderStatus.Cancelled, "other@example.com");

        Assert.AreEqual(renders, page.RenderCount);
        Assert.AreEqual("pending", StatusOf(page));
    }

    [TestMethod]
    public void An_unknown_order_says_it_does_not_exist()
    {
        SignInAs(StaffRoles.Agent);

        var page = RenderOrder(999);

        page.WaitForAssertion(() => Assert.AreEqual("There is no order #999.", page.Find("[role=alert]").TextContent));
        Assert.AreEqual("Order #999", page.Find("h1").TextContent);
        Assert.IsEmpty(page.FindAll("button"));
    }

    private IRenderedComponent<OrderDetail> RenderOrder(int id) => Render<OrderDetail>(p => p.Add(d => d.Id, id));

    private T UseGateway<T>(T gateway)
        where T : class, IPaymentGateway
    {
        Services.AddSingleton<IPaymentGateway>(gateway);
        return gateway;
    }

    private async Task ClickAsync(IRenderedComponent<OrderDetail> page, string button)
    {
        page.WaitForAssertion(() => Assert.IsTrue(
            page.FindAll("button").Any(b => b.TextContent.Trim() == button && !b.HasAttribute("disabled")),
            $"no enabled {button} button"));
        await UserAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == button).Click());
    }

    private static string StatusOf(IRenderedComponent<OrderDetail> page) =>
        page.Find("[data-testid=order-status] [data-status]").GetAttribute("data-status")!;

    private static string[] ButtonsOf(IRenderedComponent<OrderDetail> page) =>
        [.. page.FindAll("button").Select(b => b.TextContent.Trim())];

    private static string[] HistoryOf(IRenderedComponent<OrderDetail> page) =>
        [.. page.FindAll("ol.order-history > li").Select(li => Normalize(li.TextContent))];

    private static string[][] PaymentRows(IRenderedComponent<OrderDetail> page) =>
        [.. page.FindAll("section[aria-labelledby=payments-heading] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())];

    // Text content as a screen reader would hear it: the arrow is hidden, "to" is not.
    private static string Normalize(string text) =>
        string.Join(' ', text.Replace("→", "", StringComparison.Ordinal).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
