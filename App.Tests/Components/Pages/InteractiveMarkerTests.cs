using System.Reflection;
using AdminPortal.Data;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Pages;

/// <summary>
/// Only the pages run in a circuit (the layout around them is rendered on the server for each
/// request), so each interactive page carries the readiness marker browser automation waits for.
/// </summary>
[TestClass]
public sealed class InteractiveMarkerTests : PortalPageTest
{
    private static readonly Type[] Pages = [.. typeof(Program).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes<RouteAttribute>().Any() && t.GetCustomAttribute<RenderModeAttribute>()?.Mode is InteractiveServerRenderMode)
        .OrderBy(t => t.Name)];

    public static IEnumerable<object[]> InteractivePages => Pages.Select(t => new object[] { t.Name });

    [TestInitialize]
    public void SignIn()
    {
        SignInAs(StaffRoles.Admin);
        Services.AddScoped<AppDbContext>(_ => Database.CreateDbContext());
        Services.AddStaffIdentity();
        Services.AddStaff();
    }

    [TestMethod]
    public void Every_staff_page_is_interactive_and_the_account_and_error_pages_are_not()
    {
        var routes = Pages.Select(t => t.GetCustomAttributes<RouteAttribute>().Single().Template).Order();

        CollectionAssert.AreEqual(
            new[] { "/", "/audit", "/orders", "/orders/{Id:int}", "/staff", "/users", "/users/{Id:int}" },
            routes.ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(InteractivePages))]
    public void The_page_says_true_once_its_circuit_is_attached(string page) =>
        Assert.AreEqual("true", MarkerOf(page));

    [TestMethod]
    [DynamicData(nameof(InteractivePages))]
    public void The_page_says_false_while_it_is_only_prerendered(string page)
    {
        RenderAs = new RendererInfo("Static", isInteractive: false);

        Assert.AreEqual("false", MarkerOf(page));
    }

    /// <summary>The one marker of the page, which holds the page's heading.</summary>
    private string MarkerOf(string name)
    {
        var type = Pages.Single(t => t.Name == name);
        var page = Render(builder =>
        {
            builder.OpenComponent(0, type);
            if (type.GetProperty("Id") is not null)
            {
                builder.AddComponentParameter(1, "Id", 1);
            }
            builder.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.HasCount(1, page.FindAll("[data-interactive] h1")));
        return page.FindAll("[data-interactive]").Single().GetAttribute("data-interactive")!;
    }
}
