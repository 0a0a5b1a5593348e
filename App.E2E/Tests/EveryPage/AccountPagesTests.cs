namespace AdminPortal.E2E.Tests.EveryPage;

/// <summary>The account pages: sign-in, change password, two-factor enrolment and access denied.</summary>
[TestClass]
public sealed class AccountPagesTests : EveryPageTest
{
    [TestMethod]
    public async Task The_account_pages_pass_axe_and_fit_a_phone()
    {
        await new SignInPage(Page).GotoAsync();
        await CheckAsync("sign-in", signedIn: false);

        await SignInAsync(Portal.Admin);
        await new ChangePasswordPage(Page).GotoAsync();
        await CheckAsync("change password");

        var mfa = new MfaPage(Page);
        await mfa.GotoAsync();
        await Expect(mfa.QrCode).ToBeVisibleAsync();
        await CheckAsync("two-factor enrolment");

        // The account layout: no top bar.
        await new AccessDeniedPage(Page).GotoAsync();
        await CheckAsync("access denied", signedIn: false);

        AssertNoProblems();
    }
}
