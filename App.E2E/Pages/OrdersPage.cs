namespace AdminPortal.E2E.Pages;

/// <summary>The orders list: customer, status, user and date filters in the address, sortable columns, paging, "Export CSV".</summary>
public sealed class OrdersPage(IPage page)
{
    /// <summary>The page once its circuit is attached (see <see cref="PageNavigation.InteractiveContent"/>).</summary>
    private ILocator Content => page.InteractiveContent();

    public const string Path = "/orders";

    public ILocator Heading => Content.GetByRole(AriaRole.Heading, new() { Name = "Orders", Level = 1 });

    public ILocator Filters => Content.GetByRole(AriaRole.Form, new() { Name = "Filter orders", Exact = true });

    /// <summary>The Customer field: a combobox offering the users whose name or email starts with what is typed.</summary>
    public ILocator Customer => Filters.GetByRole(AriaRole.Combobox, new() { Name = "Customer", Exact = true });

    public ILocator CustomerOptions => Filters.GetByRole(AriaRole.Listbox, new() { Name = "Matching customers", Exact = true }).GetByRole(AriaRole.Option);

    public ILocator Status => Filters.GetByLabel("Status", new() { Exact = true });

    public ILocator UserId => Filters.GetByLabel("User id", new() { Exact = true });

    public ILocator FromDate => Filters.GetByLabel("From date", new() { Exact = true });

    public ILocator ToDate => Filters.GetByLabel("To date", new() { Exact = true });

    public ILocator ApplyFiltersButton => Filters.GetByRole(AriaRole.Button, new() { Name = "Apply filters", Exact = true });

    public ILocator ClearFiltersLink => Filters.GetByRole(AriaRole.Link, new() { Name = "Clear filters", Exact = true });

    public ILocator ExportLink => Content.GetByRole(AriaRole.Link, new() { Name = "Export CSV", Exact = true });

    public Grid Orders => new(Content.GetByRole(AriaRole.Table, new() { Name = "Orders matching the filters", Exact = true }));

    public ILocator Pager => Content.GetByRole(AriaRole.Navigation, new() { Name = "Order pages", Exact = true });

    public ILocator NextPageLink => Pager.GetByRole(AriaRole.Link, new() { Name = "Next page", Exact = true });

    /// <param name="query">The query string, e.g. "?status=shipped&amp;sort=-amount"; filters live in the address.</param>
    public Task GotoAsync(string query = "") => page.GotoInteractiveAsync(Path + query);

    public async Task FilterByStatusAsync(string status)
    {
        await Status.SelectOptionAsync(status);
        await ApplyFiltersButton.ClickAsync();
    }

    public Task SortByAsync(string column) => Orders.SortByAsync(column);

    /// <summary>Clicks "Export CSV" and hands back the download once it has started.</summary>
    public Task<IDownload> ExportAsync() => page.RunAndWaitForDownloadAsync(() => ExportLink.ClickAsync());
}
