namespace AdminPortal.E2E.Pages;

/// <summary>The sign-in page, where anonymous visitors are sent (rendered statically: no circuit to wait for).</summary>
public sealed class SignInPage(IPage page)
{
    public const string Path = "/account/sign-in";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 });

    public ILocator Email => page.GetByLabel("Email", new() { Exact = true });

    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });

    public ILocator SubmitButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    public ILocator Alert => page.GetByRole(AriaRole.Alert);

    public async Task GotoAsync()
    {
        await page.GotoAsync(Path);
        await Expect(Heading).ToBeVisibleAsync();
    }

    public async Task SignInAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await SubmitButton.ClickAsync();
    }

    /// <summary>
    /// One sign-in attempt, returning once the server has answered it: repeated failures show the
    /// same message, so the answer (not the text) says that this attempt was counted.
    /// </summary>
    public async Task AttemptAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await page.RunAndWaitForResponseAsync(
            () => SubmitButton.ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == Path);
    }
}
