namespace AdminPortal.E2E.Tests.EveryPage;

/// <summary>The dashboard (and the menu a phone folds behind its toggle), the orders list and an order.</summary>
[TestClass]
public sealed class OrderPagesTests : EveryPageTest
{
    [TestMethod]
    public async Task The_dashboard_and_the_order_pages_pass_axe_and_fit_a_phone()
    {
        await SignInAsync(Portal.Admin);
        var user = await Api.CreateUserAsync();
        var orderId = await Api.CreateOrderAsync(user.Id, 20.00m);
        await Api.TransitionAsync(orderId, "processing");

        var dashboard = new DashboardPage(Page);
        await dashboard.GotoAsync();
        await Expect(dashboard.LatestOrders.Rows.First).ToBeVisibleAsync();
        await CheckAsync("dashboard");

        // The menu folds behind its toggle on a phone; the toggle opens it, and it fits too.
        await Page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "Navigation menu", Exact = true }).CheckAsync();
        await Expect(new PortalLayout(Page).NavLink("Audit")).ToBeInViewportAsync();
        await CheckAtPhoneWidthAsync("dashboard with the menu open");

        var orders = new OrdersPage(Page);
        await orders.GotoAsync();
        await Expect(orders.Orders.Rows.First).ToBeVisibleAsync();
        await CheckAsync("orders list");
        // The grid is wider than the phone: it scrolls inside its own box, which says so with its shadows.
        await Page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        var box = Page.GetByRole(AriaRole.Region, new() { Name = "Orders table", Exact = true });
        if (!await box.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth && getComputedStyle(b).overflowX === 'auto'"))
        {
            Problem($"orders list: the grid does not scroll inside its own box at {PhoneWidth} px");
        }

        var order = new OrderDetailPage(Page);
        await order.GotoAsync(orderId);
        await Expect(order.PaymentRecords.Rows).ToHaveCountAsync(1);
        await CheckAsync("order detail");

        AssertNoProblems();
    }
}
