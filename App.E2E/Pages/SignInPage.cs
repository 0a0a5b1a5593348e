namespace AdminPortal.E2E.Pages;

/// <summary>The sign-in page, where anonymous visitors are sent.</summary>
public sealed class SignInPage(IPage page)
{
    public const string Path = "/account/sign-in";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 });

    public ILocator Email => page.GetByLabel("Email");

    public ILocator Password => page.GetByLabel("Password");

    public ILocator SubmitButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });

    public ILocator Alert => page.GetByRole(AriaRole.Alert);

    public Task<IResponse?> GotoAsync() => page.GotoAsync(Path);

    public async Task SignInAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await SubmitButton.ClickAsync();
    }
}
