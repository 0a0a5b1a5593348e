namespace AdminPortal.E2E.Pages;

/// <summary>The Staff page (Admin only).</summary>
public sealed class StaffPage(IPage page)
{
    public const string Path = "/staff";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Staff", Level = 1 });

    public ILocator Email => page.GetByLabel("Email", new() { Exact = true });

    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });

    public ILocator Role => page.GetByLabel("Role", new() { Exact = true });

    public ILocator CreateButton => page.GetByRole(AriaRole.Button, new() { Name = "Create" });

    public ILocator Notice => page.GetByRole(AriaRole.Status);

    public ILocator Rows => page.GetByRole(AriaRole.Row);

    public ILocator Row(string email) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = email });

    public Task GotoAsync() => page.GotoInteractiveAsync(Path);

    public async Task CreateAsync(string email, string password, string role)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await Role.SelectOptionAsync(role);
        await CreateButton.ClickAsync();
    }
}
