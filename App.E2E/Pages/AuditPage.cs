namespace AdminPortal.E2E.Pages;

/// <summary>The Audit page (Admin only): who did what, newest first.</summary>
public sealed class AuditPage(IPage page)
{
    /// <summary>The page once its circuit is attached (see <see cref="PageNavigation.InteractiveContent"/>).</summary>
    private ILocator Content => page.InteractiveContent();

    public const string Path = "/audit";

    public ILocator Heading => Content.GetByRole(AriaRole.Heading, new() { Name = "Audit", Level = 1 });

    public Grid Entries => new(Content.GetByRole(AriaRole.Table, new() { Name = "Audit entries" }));

    public ILocator Action => Content.GetByLabel("Action", new() { Exact = true });

    public ILocator ApplyButton => Content.GetByRole(AriaRole.Button, new() { Name = "Apply filters" });

    public Task GotoAsync(string query = "") => page.GotoInteractiveAsync(Path + query);
}
