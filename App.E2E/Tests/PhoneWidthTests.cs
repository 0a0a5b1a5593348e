namespace AdminPortal.E2E.Tests;

/// <summary>
/// docs/contract.md §9: every page at a phone's 390 × 844 without sideways page scroll, the top
/// bar's controls on the screen, and axe still clean at that width. One walk through the pages, on
/// one portal and one sign-in; every page's problems are gathered before the test fails, so one
/// run names them all.
/// </summary>
[TestClass]
public sealed class PhoneWidthTests : BrowserTest
{
    private const int Width = 390;
    private const int Height = 844;

    private readonly List<string> _problems = [];

    [TestMethod]
    public async Task Every_page_fits_a_phone_without_sideways_scroll_with_the_top_bar_on_screen()
    {
        await Page.SetViewportSizeAsync(Width, Height);
        var layout = new PortalLayout(Page);

        var signIn = new SignInPage(Page);
        await signIn.GotoAsync();
        await CheckAsync("sign-in", signedIn: false);

        await SignInAsync(Portal.Admin);
        var user = await Api.CreateUserAsync();
        var orderId = await Api.CreateOrderAsync(user.Id, 20.00m);
        await Api.TransitionAsync(orderId, "processing");

        var dashboard = new DashboardPage(Page);
        await dashboard.GotoAsync();
        await Expect(dashboard.LatestOrders.Rows.First).ToBeVisibleAsync();
        await CheckAsync("dashboard");

        var orders = new OrdersPage(Page);
        await orders.GotoAsync();
        await Expect(orders.Orders.Rows.First).ToBeVisibleAsync();
        await CheckAsync("orders list");
        // The grid is wider than the phone: it scrolls inside its own box, which says so with its shadows.
        var box = Page.GetByRole(AriaRole.Region, new() { Name = "Orders table", Exact = true });
        if (!await box.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth && getComputedStyle(b).overflowX === 'auto'"))
        {
            _problems.Add("orders list: the grid does not scroll inside its own box");
        }

        var order = new OrderDetailPage(Page);
        await order.GotoAsync(orderId);
        await Expect(order.PaymentRecords.Rows).ToHaveCountAsync(1);
        await CheckAsync("order detail");

        var users = new UsersPage(Page);
        await users.GotoAsync();
        await Expect(users.Users.Rows.First).ToBeVisibleAsync();
        await CheckAsync("users list");
        await users.NewUserButton.ClickAsync();
        await Expect(users.NewUserName).ToBeVisibleAsync();
        await CheckAsync("new user");

        var userDetail = new UserDetailPage(Page);
        await userDetail.GotoAsync(user.Id);
        await Expect(userDetail.Orders.Rows).ToHaveCountAsync(1);
        await Expect(userDetail.Amount).ToBeVisibleAsync();
        await CheckAsync("user detail with its new order form");
        await userDetail.EditButton.ClickAsync();
        await Expect(userDetail.EditName).ToBeVisibleAsync();
        await CheckAsync("user edit");

        var staff = new StaffPage(Page);
        await staff.GotoAsync();
        await Expect(staff.Row(Portal.Admin.Email)).ToBeVisibleAsync();
        await CheckAsync("staff");

        var audit = new AuditPage(Page);
        await audit.GotoAsync();
        await Expect(audit.Entries.Rows.First).ToBeVisibleAsync();
        await CheckAsync("audit");

        await new ChangePasswordPage(Page).GotoAsync();
        await CheckAsync("change password");

        var mfa = new MfaPage(Page);
        await mfa.GotoAsync();
        await Expect(mfa.QrCode).ToBeVisibleAsync();
        await CheckAsync("two-factor enrolment");

        // The account layout: no top bar.
        await new AccessDeniedPage(Page).GotoAsync();
        await CheckAsync("access denied", signedIn: false);

        // The menu folds behind its toggle on a phone; the toggle opens it, and it fits too.
        await dashboard.GotoAsync();
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "Navigation menu", Exact = true }).CheckAsync();
        await Expect(layout.NavLink("Audit")).ToBeInViewportAsync();
        await CheckAsync("dashboard with the menu open");

        if (_problems.Count > 0)
        {
            Assert.Fail($"{_problems.Count} problem(s) at {Width} × {Height}:{Environment.NewLine}{string.Join(Environment.NewLine, _problems)}");
        }
    }

    private async Task CheckAsync(string name, bool signedIn = true)
    {
        var widths = await Page.EvaluateAsync<int[]>(
            "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        if (scrollWidth > clientWidth)
        {
            var widest = await Page.EvaluateAsync<string>(
                "w => Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w)" +
                ".slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')).join(', ')",
                clientWidth);
            _problems.Add($"{name}: the page scrolls sideways ({scrollWidth} px wide in {clientWidth}; past the edge: {widest})");
        }

        if (signedIn)
        {
            var layout = new PortalLayout(Page);
            foreach (var (control, locator) in new[] { ("Sign out", layout.SignOutButton), ("Change password", layout.ChangePasswordLink) })
            {
                var bounds = await locator.CountAsync() == 1 ? await locator.BoundingBoxAsync() : null;
                if (bounds is null || bounds.X < 0 || bounds.X + bounds.Width > clientWidth)
                {
                    _problems.Add($"{name}: \"{control}\" is not within the screen's width ({(bounds is null ? "not shown" : $"{bounds.X:F0} to {bounds.X + bounds.Width:F0} px")})");
                }
            }
        }

        try
        {
            await Accessibility.AssertNoSeriousViolationsAsync(Page, TestContext.WriteLine);
        }
        catch (AssertFailedException e)
        {
            _problems.Add($"{name}: {e.Message}");
        }
    }
}
