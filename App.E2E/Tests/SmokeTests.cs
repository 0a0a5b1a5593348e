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
}
