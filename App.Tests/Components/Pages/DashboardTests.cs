using AdminPortal.Components.Pages;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Components.Pages;

[TestClass]
public sealed class DashboardTests : PortalPageTest
{
    [TestInitialize]
    public void SignIn() => SignInAs(StaffRoles.Viewer);

    [TestMethod]
    public async Task Shows_counts_per_status_revenue_of_paid_orders_per_currency_and_the_latest_orders()
    {
        var user = new UserBuilder().Named("Ann Lee").Build();
        await AddAsync(
            new OrderBuilder().ForUser(user).WithAmount(10m).Build(),
            new OrderBuilder().ForUser(user).WithAmount(20m).InStatus(OrderStatus.Processing).Build(),
            new OrderBuilder().ForUser(user).WithAmount(30m).InStatus(OrderStatus.Delivered).Build(),
            new OrderBuilder().ForUser(user).WithAmount(40m, Currency.EUR).InStatus(OrderStatus.Shipped).Build(),
            new OrderBuilder().ForUser(user).WithAmount(99m).InStatus(OrderStatus.Cancelled).Build());

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("h1")));
        Assert.AreEqual("1", CountOf(page, "pending"));
        Assert.AreEqual("1", CountOf(page, "processing"));
        Assert.AreEqual("1", CountOf(page, "cancelled"));
        Assert.AreEqual("50.00", page.Find("[data-currency=USD]").TextContent, "pending and cancelled orders are not revenue");
        Assert.AreEqual("40.00", page.Find("[data-currency=EUR]").TextContent);
        Assert.AreEqual("0.00", page.Find("[data-currency=GBP]").TextContent);
        Assert.HasCount(5, page.FindAll("[aria-labelledby=latest-heading] tbody tr"));
        StringAssert.Contains(page.Find("[aria-labelledby=latest-heading] tbody").TextContent, "Ann Lee");
    }

    [TestMethod]
    public void An_emptyDatabase_says_there_are_no_orders()
    {
        var page = Render<Dashboard>();

        page.WaitForAssertion(() => StringAssert.Contains(page.Markup, "No orders yet."));
        Assert.AreEqual("0", CountOf(page, "delivered"));
    }

    [TestMethod]
    public async Task A_change_made_elsewhere_re_renders_the_figures()
    {
        var orderId = await AddAsync(new OrderBuilder().Build());
        var page = Render<Dashboard>();
        page.WaitForAssertion(() => Assert.AreEqual("1", CountOf(page, "pending")));

        await MoveAsSomeoneElseAsync(orderId, OrderStatus.Cancelled, "agent@example.com");

        page.WaitForAssertion(() =>
        {
            Assert.AreEqual("0", CountOf(page, "pending"));
            Assert.AreEqual("1", CountOf(page, "cancelled"));
        });
    }

    [TestMethod]
    public async Task An_order_created_elsewhere_shows_in_todays_bar_and_row_of_the_chart()
    {
        var user = new UserBuilder().Build();
        await using (var db = Database.CreateDbContext())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        var page = Render<Dashboard>();
        page.WaitForAssertion(() => Assert.AreEqual("0", TodayInChart(page)));

        await new OrdersService(Database, Time, Changes).CreateAsync(user.Id, 12m, "EUR", "agent@example.com");

        page.WaitForAssertion(() => Assert.AreEqual("1", TodayInChart(page)));
        Assert.AreEqual("1", page.Find("rect.bar[data-day='2026-06-01']").GetAttribute("data-count"));
    }

    // Today is the last row of the chart's table (the test clock's day).
    private static string TodayInChart(IRenderedComponent<Dashboard> page)
    {
        var today = page.FindAll("figure.orders-per-day tbody tr")[^1];
        Assert.AreEqual("2026-06-01", today.QuerySelector("th")!.TextContent);
        return today.QuerySelector("td")!.TextContent;
    }

    private static string CountOf(IRenderedComponent<Dashboard> page, string status) =>
        page.Find($"a[href='orders?status={status}']").TextContent;

    private async Task<int> AddAsync(params Order[] orders)
    {
        await using var db = Database.CreateDbContext();
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync();
        return orders[0].Id;
    }
}
