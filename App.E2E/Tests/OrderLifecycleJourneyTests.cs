using System.Text.RegularExpressions;

namespace AdminPortal.E2E.Tests;

[TestClass]
public sealed class OrderLifecycleJourneyTests : BrowserTest
{
    [TestMethod]
    public async Task An_order_is_created_paid_shipped_and_delivered_and_the_history_names_who_did_each_step()
    {
        var user = await Api.CreateUserAsync();
        var agent = await MemberAsync("agent");
        var userDetail = new UserDetailPage(Page);
        var order = new OrderDetailPage(Page);
        await SignInAsync(agent);
        await userDetail.GotoAsync(user.Id);

        await userDetail.CreateOrderAsync("123.45", "EUR");
        await Expect(userDetail.CreatedOrderLink).ToHaveTextAsync(new Regex(@"^#\d+$"));
        await Expect(userDetail.Orders.Rows).ToHaveCountAsync(1);
        await userDetail.CreatedOrderLink.ClickAsync();

        await Expect(order.Heading).ToHaveTextAsync(new Regex(@"^Order #\d+$"));
        await Expect(order.Status).ToContainTextAsync("Pending");
        await Expect(order.Amount).ToHaveTextAsync("123.45 EUR");

        await order.PayAsync();
        await Expect(order.Success).ToHaveTextAsync("The payment was taken; the order is now processing.");
        await Expect(order.Status).ToContainTextAsync("Processing");
        await Expect(order.PaymentRecords.Rows).ToHaveCountAsync(1);
        await Expect(order.PaymentRecords.Rows).ToContainTextAsync(["charge"]);

        await order.ShipAsync();
        await Expect(order.Success).ToHaveTextAsync("The order is now shipped.");
        await Expect(order.Status).ToContainTextAsync("Shipped");

        await order.MarkDeliveredAsync();
        await Expect(order.Success).ToHaveTextAsync("The order is now delivered.");
        await Expect(order.Status).ToContainTextAsync("Delivered");
        await Expect(order.Actions).ToContainTextAsync("None: a delivered order is final.");

        await Expect(order.HistoryEntries).ToHaveTextAsync(
        [
            Step("Created as pending", agent.Email),
            Step(@"pending\s*→\s*to\s+processing", agent.Email),
            Step(@"processing\s*→\s*to\s+shipped", agent.Email),
            Step(@"shipped\s*→\s*to\s+delivered", agent.Email),
        ]);
        var payment = await order.PaymentRecords.ColumnAsync("Status");
        CollectionAssert.AreEqual(new[] { "succeeded" }, payment.ToArray());
    }

    [TestMethod]
    public async Task A_declined_payment_shows_the_reason_and_changes_nothing()
    {
        var user = await Api.CreateUserAsync();
        var orderId = await Api.CreateOrderAsync(user.Id, 10.51m);
        var order = new OrderDetailPage(Page);
        await SignInAsync(Portal.Admin);
        await order.GotoAsync(orderId);

        await order.PayAsync();

        await Expect(order.Failure).ToHaveTextAsync("The payment was declined (card_declined). The order was not changed.");
        await Expect(order.Status).ToContainTextAsync("Pending");
        await Expect(order.PayButton).ToBeEnabledAsync();
        await Expect(order.HistoryEntries).ToHaveCountAsync(1);
        await Expect(order.PaymentRecords.Rows).ToHaveCountAsync(1);
        CollectionAssert.AreEqual(new[] { "charge" }, (await order.PaymentRecords.ColumnAsync("Kind")).ToArray());
        CollectionAssert.AreEqual(new[] { "declined" }, (await order.PaymentRecords.ColumnAsync("Status")).ToArray());
        CollectionAssert.AreEqual(new[] { "card_declined" }, (await order.PaymentRecords.ColumnAsync("Error")).ToArray());
        CollectionAssert.AreEqual(new[] { Portal.Admin.Email }, (await order.PaymentRecords.ColumnAsync("By")).ToArray(), "a refused attempt names who asked");
    }

    [TestMethod]
    public async Task An_unavailable_gateway_says_so_and_changes_nothing()
    {
        var user = await Api.CreateUserAsync();
        var orderId = await Api.CreateOrderAsync(user.Id, 10.52m);
        var order = new OrderDetailPage(Page);
        await SignInAsync(Portal.Admin);
        await order.GotoAsync(orderId);

        await order.PayAsync();

        await Expect(order.Failure).ToHaveTextAsync("The payment service is unavailable, nothing was charged. Try again later.");
        await Expect(order.Status).ToContainTextAsync("Pending");
        await Expect(order.PayButton).ToBeEnabledAsync();
        await Expect(order.HistoryEntries).ToHaveCountAsync(1);
        await Expect(order.PaymentRecords.Rows).ToHaveCountAsync(1);
        CollectionAssert.AreEqual(new[] { "failed" }, (await order.PaymentRecords.ColumnAsync("Status")).ToArray());
    }

    [TestMethod]
    public async Task Cancelling_a_paid_order_refunds_the_charge()
    {
        var user = await Api.CreateUserAsync();
        var orderId = await Api.CreateOrderAsync(user.Id, 40.00m, "GBP");
        await Api.TransitionAsync(orderId, "processing");
        var order = new OrderDetailPage(Page);
        await SignInAsync(Portal.Admin);
        await order.GotoAsync(orderId);
        await Expect(order.Status).ToContainTextAsync("Processing");

        await order.CancelAsync("Customer changed their mind");

        await Expect(order.Success).ToHaveTextAsync("The payment was refunded; the order is now cancelled.");
        await Expect(order.Status).ToContainTextAsync("Cancelled");
        await Expect(order.PaymentRecords.Rows).ToHaveCountAsync(2);
        CollectionAssert.AreEqual(new[] { "charge", "refund" }, (await order.PaymentRecords.ColumnAsync("Kind")).ToArray());
        CollectionAssert.AreEqual(new[] { "succeeded", "succeeded" }, (await order.PaymentRecords.ColumnAsync("Status")).ToArray());
        CollectionAssert.AreEqual(new[] { "40.00", "40.00" }, (await order.PaymentRecords.ColumnAsync("Amount")).ToArray());
        await Expect(order.HistoryEntries.Last).ToHaveTextAsync(
            new Regex(@"processing\s*→\s*to\s+cancelled\s+by\s+" + Regex.Escape(Portal.Admin.Email) + @"[\s\S]*Reason: Customer changed their mind"));
    }

    private static Regex Step(string change, string by) => new($@"{change}\s+by\s+{Regex.Escape(by)},");
}
