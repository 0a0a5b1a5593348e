using AdminPortal.Components.Pages.Audit;
using AdminPortal.Components.Pages.Users;
using AdminPortal.Features.Common;
using AdminPortal.Features.Staff;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Pages.Audit;

/// <summary>The Audit page and the user page's Activity over the real services, audit trail included.</summary>
[TestClass]
public sealed class AuditListTests : PortalPageTest
{
    // Made by hand, not resolved: the page's services are composed when it renders, after signing in.
    private UsersService Users => new(Database, Time, Changes);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [TestMethod]
    public async Task Lists_the_entries_newest_first_with_who_what_and_the_changes()
    {
        var ann = await Users.CreateAsync("Ann Lee", "ann@example.com", "agent@example.com");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Users.UpdateAsync(ann.Id, new UserChange("Ann Smith", "ann@example.com", UserStatus.Active), null, "admin@example.com");
        SignInAs(StaffRoles.Admin, "admin@example.com");

        var page = Render<AuditList>();

        page.WaitForAssertion(() => Assert.HasCount(2, page.FindAll("tbody tr")));
        var rows = page.FindAll("tbody tr");
        StringAssert.Contains(rows[0].TextContent, "admin@example.com");
        StringAssert.Contains(rows[0].TextContent, "user.updated");
        StringAssert.Contains(rows[0].TextContent, "name: Ann Lee → Ann Smith");
        StringAssert.Contains(rows[0].TextContent, "2026-06-01 09:01:00");
        StringAssert.Contains(rows[1].TextContent, "email: — → ann@example.com");
        Assert.AreEqual($"users/{ann.Id}", rows[1].QuerySelector("a")!.GetAttribute("href"));
    }

    [TestMethod]
    public async Task The_filters_in_the_address_narrow_the_list_and_the_form_puts_them_there()
    {
        await Users.CreateAsync("Ann", "ann@example.com", "agent@example.com");
        var bo = await Users.CreateAsync("Bo", "bo@example.com", "other@example.com");
        await Users.UpdateAsync(bo.Id, new UserChange("Bo", "bo@example.com", UserStatus.Suspended), null, "other@example.com");
        SignInAs(StaffRoles.Admin, "admin@example.com");
        Navigation.NavigateTo("/audit?actor=other@example.com&action=user.suspended");

        var page = Render<AuditList>();

        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("tbody tr")));
        StringAssert.Contains(page.Find("tbody tr").TextContent, "user.suspended");
        Assert.AreEqual("user.suspended", page.Find("#audit-action").GetAttribute("value"));

        await UserAsync(() => page.Find("#audit-action").Change(""));
        await UserAsync(() => page.Find("#audit-actor").Change("agent@example.com"));
        await UserAsync(() => page.Find("form").Submit());

        page.WaitForAssertion(() => StringAssert.Contains(Navigation.Uri, "actor=agent%40example.com"));
        Assert.DoesNotContain("action=", Navigation.Uri);
        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("tbody tr")));
        StringAssert.Contains(page.Find("tbody tr").TextContent, "Ann");
    }

    [TestMethod]
    public async Task A_new_entry_shows_without_reload()
    {
        SignInAs(StaffRoles.Admin, "admin@example.com");
        var page = Render<AuditList>();
        page.WaitForElement("[role=status]");

        await Users.CreateAsync("Ann", "ann@example.com", "agent@example.com");

        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("tbody tr")));
    }

    [TestMethod]
    public async Task An_admin_sees_the_users_activity_on_its_page()
    {
        var ann = await ArrangeActivityAsync();
        SignInAs(StaffRoles.Admin, "admin@example.com");

        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));

        page.WaitForAssertion(() => Assert.HasCount(2, page.FindAll("table[aria-label='Activity'] tbody tr")));
        StringAssert.Contains(page.FindAll("table[aria-label='Activity'] tbody tr")[0].TextContent, "user.suspended");
        Assert.AreEqual("Activity", page.Find("#activity-heading").TextContent);
    }

    [TestMethod]
    public async Task An_agent_sees_no_activity_the_audit_trail_is_the_admins()
    {
        var ann = await ArrangeActivityAsync();
        SignInAs(StaffRoles.Agent);

        var page = Render<UserDetail>(p => p.Add(x => x.Id, ann.Id));

        page.WaitForAssertion(() => Assert.AreEqual("Ann Lee", page.Find("h1").TextContent));
        Assert.IsEmpty(page.FindAll("#activity-heading"));
    }

    // Ann is created and suspended; Bo's entry is not Ann's activity.
    private async Task<UserDto> ArrangeActivityAsync()
    {
        var ann = await Users.CreateAsync("Ann Lee", "ann@example.com", "agent@example.com");
        await Users.CreateAsync("Bo", "bo@example.com", "agent@example.com");
        await Users.UpdateAsync(ann.Id, new UserChange("Ann Lee", "ann@example.com", UserStatus.Suspended), null, "admin@example.com");
        return ann;
    }
}
