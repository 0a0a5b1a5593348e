namespace AdminPortal.E2E.Pages;

/// <summary>The portal's start page.</summary>
public sealed class HomePage(IPage page)
{
    public const string Path = "/";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator SignedInAs => page.GetByTestId("signed-in-as");

    public Task<IResponse?> GotoAsync() => page.GotoAsync(Path);
}
