namespace AdminPortal.E2E.Pages;

/// <summary>What every signed-in page shares: who is signed in, sign out, the main navigation, the readiness marker.</summary>
public sealed class PortalLayout(IPage page)
{
    public ILocator SignedInAs => page.GetByTestId("signed-in-as");

    public ILocator SignOutButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });

    public ILocator ChangePasswordLink => page.GetByRole(AriaRole.Link, new() { Name = "Change password", Exact = true });

    public ILocator Navigation => page.GetByRole(AriaRole.Navigation, new() { Name = "Main", Exact = true });

    /// <summary>docs/contract.md §9: "true" once the interactive circuit is attached, "false" while prerendered.</summary>
    public ILocator InteractiveMarker => page.Locator("[data-interactive=true]");

    public ILocator NavLink(string name) => Navigation.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public Task SignOutAsync() => SignOutButton.ClickAsync();

    public Task WaitUntilInteractiveAsync() => Expect(InteractiveMarker).ToBeAttachedAsync();
}

/// <summary>Navigation that never hands a page back before it can be clicked.</summary>
public static class PageNavigation
{
    /// <summary>
    /// The page's own content once its circuit is attached. The layout is rendered on the server,
    /// and each page is prerendered before its circuit starts, after a full load and after an
    /// enhanced navigation alike. A locator under this matches nothing until then, so a click
    /// never lands on a button that cannot answer yet, and nothing on the page just left.
    /// </summary>
    public static ILocator InteractiveContent(this IPage page) => new PortalLayout(page).InteractiveMarker;

    /// <summary>Opens an interactive page and waits until its circuit is attached.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string path)
    {
        await TestPhases.NavigationAsync(page, () => page.GotoAsync(path));
        await TestPhases.TimeAsync(page, TestPhases.InteractiveMarker, new PortalLayout(page).WaitUntilInteractiveAsync);
    }
}
