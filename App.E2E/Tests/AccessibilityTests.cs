namespace AdminPortal.E2E.Tests;

/// <summary>docs/contract.md §9: axe reports no serious or critical violation on any page, each scanned with its content loaded.</summary>
[TestClass]
public sealed class AccessibilityTests : BrowserTest
{
    [TestMethod]
    [DataRow("sign-in")]
    [DataRow("dashboard")]
    [DataRow("users")]
    [DataRow("user detail")]
    [DataRow("orders")]
    [DataRow("order detail")]
    [DataRow("staff")]
    [DataRow("access denied")]
    [DataRow("change password")]
    [DataRow("audit")]
    [DataRow("two-factor enrolment")]
    public async Task The_page_has_no_serious_or_critical_axe_violation(string name)
    {
        await OpenAsync(name);

        await Accessibility.AssertNoSeriousViolationsAsync(Page, TestContext.WriteLine);
    }

    private async Task OpenAsync(string name)
    {
        if (name == "sign-in")
        {
            await new SignInPage(Page).GotoAsync();
            return;
        }

        await SignInAsync(Portal.Admin);
        switch (name)
        {
            case "dashboard":
                var home = new DashboardPage(Page);
                await home.GotoAsync();
                await Expect(home.LatestOrders.Rows.First).ToBeVisibleAsync();
                break;
            case "users":
                var users = new UsersPage(Page);
                await users.GotoAsync();
                await Expect(users.Users.Rows.First).ToBeVisibleAsync();
                break;
            case "user detail":
                var user = await Api.CreateUserAsync();
                await Api.CreateOrderAsync(user.Id, 20.00m);
                var userDetail = new UserDetailPage(Page);
                await userDetail.GotoAsync(user.Id);
                await Expect(userDetail.Orders.Rows).ToHaveCountAsync(1);
                break;
            case "orders":
                var orders = new OrdersPage(Page);
                await orders.GotoAsync();
                await Expect(orders.Orders.Rows.First).ToBeVisibleAsync();
                break;
            case "order detail":
                var customer = await Api.CreateUserAsync();
                var orderId = await Api.CreateOrderAsync(customer.Id, 20.00m);
                await Api.TransitionAsync(orderId, "processing");
                var order = new OrderDetailPage(Page);
                await order.GotoAsync(orderId);
                await Expect(order.PaymentRecords.Rows).ToHaveCountAsync(1);
                break;
            case "staff":
                var staff = new StaffPage(Page);
                await staff.GotoAsync();
                await Expect(staff.Row(Portal.Admin.Email)).ToBeVisibleAsync();
                break;
            case "access denied":
                await new AccessDeniedPage(Page).GotoAsync();
                break;
            case "change password":
                await new ChangePasswordPage(Page).GotoAsync();
                break;
            case "audit":
                var audit = new AuditPage(Page);
                await audit.GotoAsync();
                await Expect(audit.Entries.Rows.First).ToBeVisibleAsync();
                break;
            case "two-factor enrolment":
                var mfa = new MfaPage(Page);
                await mfa.GotoAsync();
                await Expect(mfa.QrCode).ToBeVisibleAsync();
                break;
            default:
                throw new ArgumentException($"No page named '{name}'.", nameof(name));
        }
    }
}
