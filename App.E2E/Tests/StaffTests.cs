using AdminPortal.E2E.Infrastructure;
using AdminPortal.E2E.Pages;
using static Microsoft.Playwright.Assertions;

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
        var signIn = new SignInPage(Page);
        var staff = new StaffPage(Page);
        var email = $"agent-{Guid.NewGuid():N}@example.com";
        var (adminEmail, adminPassword) = Portal.Admin;
        await signIn.GotoAsync();
        await signIn.SignInAsync(adminEmail, adminPassword);
        await Expect(new HomePage(Page).SignedInAs).ToHaveTextAsync(adminEmail);

        await staff.GotoAsync();
        // Every test starts from the seeded data: only the first Admin, whatever other tests created.
        await Expect(Page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await staff.CreateAsync(email, "Agent-Pass-1!", "Agent");

        await Expect(staff.Notice).ToHaveTextAsync($"{email} can now sign in as Agent.");
        await Expect(staff.Row(email)).ToContainTextAsync("Active");
        Assert.IsEmpty(problems, "the interactive page runs under the Content-Security-Policy without errors: " + string.Join(" | ", problems));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(signIn.Heading).ToBeVisibleAsync();
        await signIn.SignInAsync(email, "Agent-Pass-1!");
        await Expect(new HomePage(Page).SignedInAs).ToHaveTextAsync(email);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Staff" })).ToHaveCountAsync(0);
        var refused = await Page.GotoAsync(StaffPage.Path);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        Assert.IsNotNull(refused);
    }
}
