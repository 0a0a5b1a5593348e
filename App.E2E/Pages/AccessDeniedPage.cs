namespace AdminPortal.E2E.Pages;

/// <summary>What staff see for a page their role does not allow (its own route, and in place of a refused page).</summary>
public sealed class AccessDeniedPage(IPage page)
{
    public const string Path = "/account/access-denied";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Access denied", Level = 1 });

    public ILocator Message => page.GetByRole(AriaRole.Alert);

    public async Task GotoAsync()
    {
        await page.GotoAsync(Path);
        await Expect(Heading).ToBeVisibleAsync();
    }
}
