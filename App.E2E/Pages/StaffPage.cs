namespace AdminPortal.E2E.Pages;

/// <summary>The Staff page (Admin only).</summary>
public sealed class StaffPage(IPage page)
{
    /// <summary>The page once its circuit is attached (see <see cref="PageNavigation.InteractiveContent"/>).</summary>
    private ILocator Content => page.InteractiveContent();

    public const string Path = "/staff";

    public ILocator Heading => Content.GetByRole(AriaRole.Heading, new() { Name = "Staff", Level = 1 });

    public ILocator Email => Content.GetByLabel("Email", new() { Exact = true });

    public ILocator Password => Content.GetByLabel("Password", new() { Exact = true });

    public ILocator Role => Content.GetByLabel("Role", new() { Exact = true });

    public ILocator CreateButton => Content.GetByRole(AriaRole.Button, new() { Name = "Create" });

    public ILocator Notice => Content.GetByRole(AriaRole.Status);

    public ILocator Rows => Content.GetByRole(AriaRole.Row);

    public ILocator Row(string email) => Content.GetByRole(AriaRole.Row).Filter(new() { HasText = email });

    public Task GotoAsync() => page.GotoInteractiveAsync(Path);

    public async Task CreateAsync(string email, string password, string role)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await Role.SelectOptionAsync(role);
        await CreateButton.ClickAsync();
    }
}
