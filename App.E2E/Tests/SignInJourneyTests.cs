using System.Text.RegularExpressions;

namespace AdminPortal.E2E.Tests;

[TestClass]
public sealed class SignInJourneyTests : BrowserTest
{
    private const string WrongCredentials = "The email or password is not correct.";
    private const string LockedOut = "Too many failed sign-ins: this account is locked for 5 minutes. Try again later.";

    [TestMethod]
    public async Task Signing_in_shows_the_dashboard_with_who_is_signed_in()
    {
        var signIn = new SignInPage(Page);
        await signIn.GotoAsync();

        await signIn.SignInAsync(Portal.Admin.Email, Portal.Admin.Password);

        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
        await Expect(new DashboardPage(Page).Heading).ToBeVisibleAsync();
        await Expect(new PortalLayout(Page).SignedInAs).ToHaveTextAsync(Portal.Admin.Email);
    }

    [TestMethod]
    public async Task Signing_in_from_a_deep_link_returns_to_the_page_asked_for()
    {
        var signIn = new SignInPage(Page);
        var orders = new OrdersPage(Page);
        await Page.GotoAsync("/orders?status=shipped");
        await Expect(signIn.Heading).ToBeVisibleAsync();

        await signIn.SignInAsync(Portal.Admin.Email, Portal.Admin.Password);

        await Expect(Page).ToHaveURLAsync(new Regex(@"/orders\?status=shipped$"));
        await new PortalLayout(Page).WaitUntilInteractiveAsync();
        await Expect(orders.Status).ToHaveValueAsync("shipped");
    }

    [TestMethod]
    public async Task Signing_out_returns_to_sign_in_and_ends_the_session()
    {
        var signIn = new SignInPage(Page);
        await SignInAsync(Portal.Admin);
        await new DashboardPage(Page).GotoAsync();

        await new PortalLayout(Page).SignOutAsync();

        await Expect(signIn.Heading).ToBeVisibleAsync();
        await Page.GotoAsync(UsersPage.Path);
        await Expect(signIn.Heading).ToBeVisibleAsync();
        await Expect(new PortalLayout(Page).SignedInAs).ToHaveCountAsync(0);
    }

    [TestMethod]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var signIn = new SignInPage(Page);
        await signIn.GotoAsync();

        await signIn.SignInAsync(Portal.Admin.Email, "Not-The-Password-1!");

        await Expect(signIn.Alert).ToHaveTextAsync(WrongCredentials);
        await Expect(signIn.Heading).ToBeVisibleAsync();
        await Expect(new PortalLayout(Page).SignedInAs).ToHaveCountAsync(0);
    }

    [TestMethod]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        var signIn = new SignInPage(Page);
        var (email, password) = await Api.CreateStaffAsync("agent");
        await signIn.GotoAsync();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await signIn.AttemptAsync(email, $"Wrong-Password-{attempt}!");
            await Expect(signIn.Alert).ToHaveTextAsync(WrongCredentials);
        }

        await signIn.AttemptAsync(email, "Wrong-Password-5!");
        await Expect(signIn.Alert).ToHaveTextAsync(LockedOut);

        await signIn.AttemptAsync(email, password);
        await Expect(signIn.Alert).ToHaveTextAsync(LockedOut);
        await Expect(new PortalLayout(Page).SignedInAs).ToHaveCountAsync(0);
    }
}
