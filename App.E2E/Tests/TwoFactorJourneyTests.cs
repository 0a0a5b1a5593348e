using OtpNet;

namespace AdminPortal.E2E.Tests;

/// <summary>
/// Two-factor sign-in as a staff member and an Admin go through it (docs/contract.md §6), with the
/// codes an authenticator app would show, computed by the test from the key the page shows.
/// </summary>
[TestClass]
public sealed class TwoFactorJourneyTests : BrowserTest
{
    [TestMethod]
    public async Task A_member_enrols_then_signs_in_with_a_code_and_then_with_a_recovery_code()
    {
        var agent = await Api.CreateStaffAsync("agent");
        var (key, codes) = await EnrolAsync(agent);
        var layout = new PortalLayout(Page);

        await layout.SignOutAsync();
        await SignInWithAsync(agent, NextCode(key));
        await Expect(layout.SignedInAs).ToHaveTextAsync(agent.Email);

        await layout.SignOutAsync();
        await SignInWithAsync(agent, codes[0]);
        await Expect(layout.SignedInAs).ToHaveTextAsync(agent.Email);

        await layout.SignOutAsync();
        await SignInWithAsync(agent, codes[0]);
        await Expect(new SignInCodePage(Page).Alert).ToContainTextAsync("not correct, or the code was used already");
    }

    [TestMethod]
    public async Task An_admin_resets_an_agents_two_factor_sign_in_and_the_agent_signs_in_with_the_password_alone()
    {
        var agent = await Api.CreateStaffAsync("agent");
        await EnrolAsync(agent);
        await new PortalLayout(Page).SignOutAsync();
        await SignInThroughFormAsync(Page, Portal.Admin);
        var staff = new StaffPage(Page);
        await staff.GotoAsync();
        await Expect(staff.Row(agent.Email).GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("On");

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Reset two-factor sign-in of {agent.Email}" }).ClickAsync();

        await Expect(staff.Notice).ToHaveTextAsync($"Two-factor sign-in of {agent.Email} is off; they enrol again when they next sign in.");
        await Expect(staff.Row(agent.Email).GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("Off");
        var agentPage = await OpenAnotherBrowserAsync();
        await SignInThroughFormAsync(agentPage, agent);
    }

    [TestMethod]
    public async Task With_mfa_required_a_new_member_is_sent_to_enrol_first_and_then_signs_in_with_codes()
    {
        if (!Portal.IsInProcess)
        {
            Assert.Inconclusive("This journey starts a portal of its own with Auth:RequireMfa on.");
        }

        var database = Portal.CopyDatabase("require-mfa.db");
        await using var strict = PortalHost.StartOn(database, ("Auth:RequireMfa", "true"));
        // Its Admin enrols first, as on a fresh install (the API refuses them until they have).
        await SignInThroughFormAsync(await OpenBrowserOnAsync(strict), strict.Admin);
        using var api = new PortalApi(strict);
        var agent = await api.CreateStaffAsync("agent");
        var page = await OpenBrowserOnAsync(strict);

        // The suite's own sign-in meets the enrolment, enrols, and keeps the key: what QA runs against such a portal.
        await SignInThroughFormAsync(page, agent);
        await new PortalLayout(page).SignOutAsync();
        await SignInThroughFormAsync(page, agent);
        await page.GotoAsync("/users");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        Assert.IsTrue(Authenticators.Knows(strict, agent.Email));
    }

    /// <summary>Signs the member in and enrols them on /account/mfa: the key and the recovery codes the page showed.</summary>
    private async Task<(string Key, IReadOnlyList<string> Codes)> EnrolAsync((string Email, string Password) member)
    {
        await SignInThroughFormAsync(Page, member);
        var mfa = new MfaPage(Page);
        await mfa.GotoAsync();
        await Expect(mfa.QrCode).ToBeVisibleAsync();
        var key = (await mfa.Key.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);

        await mfa.ConfirmAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow));

        await Expect(mfa.Status.First).ToContainTextAsync("Two-factor sign-in is on");
        await Expect(mfa.RecoveryCodes).ToHaveCountAsync(10);
        return (key, await mfa.RecoveryCodes.AllInnerTextsAsync());
    }

    private async Task SignInWithAsync((string Email, string Password) member, string code)
    {
        var signIn = new SignInPage(Page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(member.Email, member.Password);
        await new SignInCodePage(Page).EnterAsync(code);
    }

    // The code of the next 30-second step: the enrolment used the current one, and each step counts once.
    private static string NextCode(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddSeconds(30));
}
