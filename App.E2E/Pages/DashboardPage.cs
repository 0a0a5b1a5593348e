using System.Text.RegularExpressions;

namespace AdminPortal.E2E.Pages;

/// <summary>The dashboard: order counts per status, revenue of paid orders, the latest orders.</summary>
public sealed class DashboardPage(IPage page)
{
    /// <summary>The page once its circuit is attached (see <see cref="PageNavigation.InteractiveContent"/>).</summary>
    private ILocator Content => page.InteractiveContent();

    public const string Path = "/";

    public ILocator Heading => Content.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 });

    public ILocator SignedInAs => new PortalLayout(page).SignedInAs;

    public ILocator OrdersByStatus => Content.GetByRole(AriaRole.Region, new() { Name = "Orders by status", Exact = true });

    public ILocator Revenue => Content.GetByRole(AriaRole.Region, new() { Name = "Revenue of paid orders", Exact = true });

    public Grid LatestOrders => new(Content.GetByRole(AriaRole.Region, new() { Name = "Latest orders", Exact = true }).GetByRole(AriaRole.Table));

    /// <summary>The count of a status (e.g. "shipped"), a link to the orders with that status.</summary>
    public ILocator CountOf(string status) =>
        OrdersByStatus.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($@"^[\d,]+ {Regex.Escape(status)} orders$") });

    public Task GotoAsync() => page.GotoInteractiveAsync(Path);
}
