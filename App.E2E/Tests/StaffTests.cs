namespace AdminPortal.E2E.Tests;

[TestClass]
public sealed class StaffTests : BrowserTest
{
    [TestMethod]
    public async Task An_admin_creates_an_agent_who_can_then_sign_in_without_the_staff_page()
    {
        var problems = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        var staff = new StaffPage(Page);
        var layout = new PortalLayout(Page);
        var email = $"agent-{PortalApi.Unique()}@example.com";
        await SignInAsync(Portal.Admin);

        await staff.GotoAsync();
        if (Portal.IsInProcess)
        {
            // Every test starts from the template: the header, the first Admin and one member per
            // other role, whatever other tests created.
            await Expect(staff.Rows).ToHaveCountAsync(2 + PortalHost.TemplateRoles.Count);
        }

        Api.CleanUpStaffAfterwards(email);
        await staff.CreateAsync(email, "Agent-Pass-1!", "Agent");

        await Expect(staff.Notice).ToHaveTextAsync($"{email} can now sign in as Agent.");
        await Expect(staff.Row(email)).ToContainTextAsync("Active");
        Assert.IsEmpty(problems, "the interactive page runs under the Content-Security-Policy without errors: " + string.Join(" | ", problems));

        await layout.SignOutAsync();
        await SignInAsync((email, "Agent-Pass-1!"));
        await new DashboardPage(Page).GotoAsync();
        await Expect(layout.SignedInAs).ToHaveTextAsync(email);
        await Expect(layout.NavLink("Staff")).ToHaveCountAsync(0);
        await Page.GotoAsync(StaffPage.Path);
        await Expect(new AccessDeniedPage(Page).Heading).ToBeVisibleAsync();
    }
}
