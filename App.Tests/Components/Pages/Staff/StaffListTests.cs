using AdminPortal.Components.Pages.Staff;
using AdminPortal.Data;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Pages.Staff;

/// <summary>The Staff page over the real staff service and Identity's stores on the test's own database.</summary>
[TestClass]
public sealed class StaffListTests : PortalPageTest
{
    [TestInitialize]
    public void RegisterStaff()
    {
        Services.AddScoped<AppDbContext>(_ => Database.CreateDbContext());
        Services.AddStaffIdentity();
        Services.Configure<PasswordHasherOptions>(o => o.IterationCount = PortalFactory.PasswordHashIterations);
        Services.AddStaff();
        SignInAs(StaffRoles.Admin, "admin@example.com");
    }

    [TestMethod]
    public async Task Lists_the_staff_and_a_new_member_can_sign_in_with_their_role()
    {
        var page = await RenderWithOneAgentAsync();

        await UserAsync(() => page.Find("#new-email").Change("new.viewer@example.com"));
        await UserAsync(() => page.Find("#new-password").Change("Viewer-Pass-1!"));
        await UserAsync(() => page.Find("#new-role").Change(StaffRoles.Viewer));
        await UserAsync(() => page.Find("form").Submit());

        page.WaitForAssertion(() => Assert.AreEqual("new.viewer@example.com can now sign in as Viewer.", page.Find("[role=status]").TextContent));
        Assert.HasCount(2, page.FindAll("tbody tr"));
    }

    [TestMethod]
    public async Task A_refusal_is_shown_at_the_field_it_names()
    {
        var page = await RenderWithOneAgentAsync();

        await UserAsync(() => page.Find("#new-email").Change("Ava@Example.com"));
        await UserAsync(() => page.Find("#new-password").Change("Agent-Pass-1!"));
        await UserAsync(() => page.Find("form").Submit());

        page.WaitForAssertion(() => Assert.AreEqual(StaffService.EmailTaken, page.Find(".validation-message").TextContent));
        Assert.IsEmpty(page.FindAll("[role=alert]"));
    }

    [TestMethod]
    public async Task A_database_outage_while_loading_says_the_database_is_unavailable()
    {
        await Database.DisposeAsync();

        var page = Render<StaffList>();

        page.WaitForAssertion(() => Assert.AreEqual(DbErrors.UnavailableMessage, page.Find("[role=alert]").TextContent));
        Assert.DoesNotContain("Exception", page.Markup);
    }

    [TestMethod]
    public async Task A_database_outage_during_an_action_says_the_database_is_unavailable()
    {
        var page = await RenderWithOneAgentAsync();
        await Database.DisposeAsync();

        await UserAsync(() => page.Find("button[aria-label='Disable ava@example.com']").Click());

        page.WaitForAssertion(() => Assert.AreEqual(DbErrors.UnavailableMessage, page.FindAll("[role=alert]")[0].TextContent));
        Assert.DoesNotContain("Exception", page.Markup);
    }

    private async Task<IRenderedComponent<StaffList>> RenderWithOneAgentAsync()
    {
        await AddStaffAsync("ava@example.com", StaffRoles.Agent);
        var page = Render<StaffList>();
        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("tbody tr")));
        return page;
    }

    private async Task AddStaffAsync(string email, string role)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var name in StaffRoles.All)
        {
            await roles.CreateAsync(new IdentityRole(name));
        }

        await scope.ServiceProvider.GetRequiredService<StaffService>().CreateAsync(new NewStaff(email, "Agent-Pass-1!", role), "agent@example.com");
    }
}
