namespace AdminPortal.E2E.Pages;

/// <summary>The Audit page (Admin only): who did what, newest first.</summary>
public sealed class AuditPage(IPage page)
{
    public const string Path = "/audit";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Audit", Level = 1 });

    public Grid Entries => new(page.GetByRole(AriaRole.Table, new() { Name = "Audit entries" }));

    public ILocator Action => page.GetByLabel("Action", new() { Exact = true });

    public ILocator ApplyButton => page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" });

    public Task GotoAsync(string query = "") => page.GotoInteractiveAsync(Path + query);
}
