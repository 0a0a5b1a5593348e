namespace AdminPortal.E2E.Pages;

/// <summary>The users list: search, status filter, sortable columns, paging and "New user".</summary>
public sealed class UsersPage(IPage page)
{
    /// <summary>The page once its circuit is attached (see <see cref="PageNavigation.InteractiveContent"/>).</summary>
    private ILocator Content => page.InteractiveContent();

    public const string Path = "/users";

    public ILocator Heading => Content.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 });

    public ILocator NewUserButton => Content.GetByRole(AriaRole.Button, new() { Name = "New user", Exact = true });

    public ILocator NewUserForm => Content.GetByRole(AriaRole.Region, new() { Name = "New user", Exact = true });

    public ILocator NewUserName => NewUserForm.GetByLabel("Name", new() { Exact = true });

    public ILocator NewUserEmail => NewUserForm.GetByLabel("Email", new() { Exact = true });

    public ILocator SaveNewUserButton => NewUserForm.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

    public ILocator Filters => Content.GetByRole(AriaRole.Search, new() { Name = "Filter users", Exact = true });

    public ILocator Search => Filters.GetByLabel("Search", new() { Exact = true });

    public ILocator Status => Filters.GetByLabel("Status", new() { Exact = true });

    public ILocator ApplyFiltersButton => Filters.GetByRole(AriaRole.Button, new() { Name = "Apply filters", Exact = true });

    public Grid Users => new(Content.GetByRole(AriaRole.Table, new() { Name = "Users", Exact = true }));

    public ILocator Pager => Content.GetByRole(AriaRole.Navigation, new() { Name = "User pages", Exact = true });

    public ILocator NextPageLink => Pager.GetByRole(AriaRole.Link, new() { Name = "Next page", Exact = true });

    public ILocator PreviousPageLink => Pager.GetByRole(AriaRole.Link, new() { Name = "Previous page", Exact = true });

    /// <summary>What the list says instead of rows ("No users match …").</summary>
    public ILocator Notice => Content.GetByRole(AriaRole.Status);

    public ILocator UserLink(string name) => Users.Table.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <param name="query">The query string, e.g. "?search=ada&amp;sort=-email"; filters live in the address.</param>
    public Task GotoAsync(string query = "") => page.GotoInteractiveAsync(Path + query);

    public async Task CreateAsync(string name, string email)
    {
        await NewUserButton.ClickAsync();
        await NewUserName.FillAsync(name);
        await NewUserEmail.FillAsync(email);
        await SaveNewUserButton.ClickAsync();
    }

    public async Task SearchAsync(string text)
    {
        await Search.FillAsync(text);
        await ApplyFiltersButton.ClickAsync();
    }

    public Task SortByAsync(string column) => Users.SortByAsync(column);

    public Task NextPageAsync() => NextPageLink.ClickAsync();

    public Task PreviousPageAsync() => PreviousPageLink.ClickAsync();

    public Task OpenAsync(string name) => UserLink(name).ClickAsync();
}
