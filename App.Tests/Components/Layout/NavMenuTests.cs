using AdminPortal.Components.Layout;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Layout;

[TestClass]
public sealed class NavMenuTests : ComponentTest
{
    [TestMethod]
    public void An_admin_sees_the_staff_link()
    {
        SignInAs(StaffRoles.Admin);

        var menu = Render<NavMenu>();

        Assert.AreEqual("staff", menu.Find("a[href='staff']").GetAttribute("href"));
        StringAssert.Contains(menu.Find("a[href='staff']").TextContent, "Staff");
    }

    [TestMethod]
    [DataRow(StaffRoles.Agent)]
    [DataRow(StaffRoles.Viewer)]
    public void Agents_and_viewers_do_not_see_the_staff_link(string role)
    {
        SignInAs(role);

        var menu = Render<NavMenu>();

        Assert.IsEmpty(menu.FindAll("a[href='staff']"));
        Assert.IsNotEmpty(menu.FindAll("a.nav-link"), "the rest of the menu is there");
    }

    [TestMethod]
    public void Every_entry_has_an_icon_of_its_own_hidden_from_screen_readers()
    {
        SignInAs(StaffRoles.Admin);

        var menu = Render<NavMenu>();

        var icons = menu.FindAll("a.nav-link").Select(link => link.QuerySelector(".bi")!).ToList();
        Assert.HasCount(5, icons);
        Assert.IsTrue(icons.All(icon => icon.GetAttribute("aria-hidden") == "true"));
        var kinds = icons.Select(icon => icon.ClassList.Single(c => c.EndsWith("-nav-menu", StringComparison.Ordinal))).ToList();
        CollectionAssert.AllItemsAreUnique(kinds);
    }

    [TestMethod]
    public void The_menu_is_a_labelled_navigation_landmark()
    {
        SignInAs(StaffRoles.Viewer);

        var menu = Render<NavMenu>();

        Assert.AreEqual("Main", menu.Find("nav").GetAttribute("aria-label"));
    }

    [TestMethod]
    [DataRow("", "Dashboard")]
    [DataRow("orders?status=pending&page=2", "Orders")]
    [DataRow("users/42", "Users")]
    [DataRow("audit", "Audit")]
    public void The_entry_of_the_current_page_is_marked_as_current(string address, string current)
    {
        SignInAs(StaffRoles.Admin);
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var menu = Render<NavMenu>();

        var marked = menu.FindAll("a[aria-current='page']");
        Assert.HasCount(1, marked);
        StringAssert.Contains(marked[0].TextContent, current);
        CollectionAssert.Contains(marked[0].ClassList.ToList(), "active");
        Assert.HasCount(1, menu.FindAll("a.active"), "only the current entry is highlighted");
    }

    [TestMethod]
    public void A_page_whose_path_only_starts_like_an_entry_marks_none()
    {
        SignInAs(StaffRoles.Admin);
        Services.GetRequiredService<NavigationManager>().NavigateTo("ordersarchive");

        var menu = Render<NavMenu>();

        Assert.IsEmpty(menu.FindAll("a[aria-current]"));
    }
}
