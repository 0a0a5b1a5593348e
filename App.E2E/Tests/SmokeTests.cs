using System.Text.RegularExpressions;

namespace AdminPortal.E2E.Tests;

[TestClass]
public sealed class SmokeTests : BrowserTest
{
    [TestMethod]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_then_reaches_the_home_page()
    {
        var home = new DashboardPage(Page);
        var signIn = new SignInPage(Page);
        var (email, password) = Portal.Admin;

        var response = await Page.GotoAsync(DashboardPage.Path);

        Assert.IsNotNull(response, "The navigation to / got no response.");
        Assert.IsTrue(response.Ok, $"GET {response.Url} answered {response.Status} {response.StatusText}.");
        await Expect(signIn.Heading).ToBeVisibleAsync();
        await signIn.SignInAsync(email, password);

        await Expect(Page).ToHaveURLAsync(new Regex(@"/$"));
        await Expect(home.Heading).ToHaveCountAsync(1);
        await Expect(home.SignedInAs).ToHaveTextAsync(email);
        await Expect(Page).ToHaveTitleAsync(new Regex(@"\S"));
    }

    [TestMethod]
    public async Task The_menu_opens_each_page_marks_it_as_current_and_moves_the_focus_to_its_heading()
    {
        var layout = new PortalLayout(Page);
        var orders = new OrdersPage(Page);
        var users = new UsersPage(Page);
        await SignInAsync(Portal.Admin);
        await new DashboardPage(Page).GotoAsync();

        await layout.NavLink("Orders").ClickAsync();

        await Expect(orders.Heading).ToBeFocusedAsync();
        await Expect(layout.NavLink("Orders")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(layout.NavLink("Dashboard")).Not.ToHaveAttributeAsync("aria-current", "page");

        // A new order of the same page is not a new page: the focus stays on the link that asked for it.
        await orders.Orders.SortByAsync("Amount");
        await Expect(orders.Orders.ColumnHeader("Amount")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(orders.Orders.ColumnHeader("Amount").GetByRole(AriaRole.Link)).ToBeFocusedAsync();

        await layout.NavLink("Users").ClickAsync();

        await Expect(users.Heading).ToBeFocusedAsync();
        await Expect(layout.NavLink("Users")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(layout.NavLink("Orders")).Not.ToHaveAttributeAsync("aria-current", "page");
    }
}
