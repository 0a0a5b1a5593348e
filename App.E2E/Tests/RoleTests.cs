namespace AdminPortal.E2E.Tests;

[TestClass]
public sealed class RoleTests : BrowserTest
{
    [TestMethod]
    public async Task A_viewer_sees_no_write_action_on_users_or_orders()
    {
        var user = await Api.CreateUserAsync();
        var orderId = await Api.CreateOrderAsync(user.Id, 25.00m);
        await SignInAsync(await MemberAsync("viewer"));
        var users = new UsersPage(Page);
        var userDetail = new UserDetailPage(Page);
        var orderDetail = new OrderDetailPage(Page);

        await users.GotoAsync();
        await Expect(users.Users.Rows.First).ToBeVisibleAsync();
        await Expect(users.NewUserButton).ToHaveCountAsync(0);

        await userDetail.GotoAsync(user.Id);
        await Expect(userDetail.Heading).ToHaveTextAsync(user.Name);
        await Expect(userDetail.Orders.Rows).ToHaveCountAsync(1);
        await Expect(userDetail.EditButton).ToHaveCountAsync(0);
        await Expect(userDetail.SuspendButton).ToHaveCountAsync(0);
        await Expect(userDetail.DeleteButton).ToHaveCountAsync(0);
        await Expect(userDetail.NewOrderForm).ToHaveCountAsync(0);

        await orderDetail.GotoAsync(orderId);
        await Expect(orderDetail.Status).ToContainTextAsync("Pending");
        await Expect(orderDetail.Actions).ToHaveCountAsync(0);
        await Expect(orderDetail.PayButton).ToHaveCountAsync(0);
        await Expect(orderDetail.CancelButton).ToHaveCountAsync(0);
    }

    [TestMethod]
    [DataRow("viewer")]
    [DataRow("agent")]
    public async Task The_staff_page_is_refused_to_staff_who_are_not_admins(string role)
    {
        await SignInAsync(await MemberAsync(role));
        await new DashboardPage(Page).GotoAsync();
        var layout = new PortalLayout(Page);
        await Expect(layout.NavLink("Users")).ToBeVisibleAsync();
        await Expect(layout.NavLink("Staff")).ToHaveCountAsync(0);

        await Page.GotoAsync(StaffPage.Path);

        await Expect(new AccessDeniedPage(Page).Heading).ToBeVisibleAsync();
        await Expect(new StaffPage(Page).CreateButton).ToHaveCountAsync(0);
    }
}
