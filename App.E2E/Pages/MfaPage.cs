namespace AdminPortal.E2E.Pages;

/// <summary>/account/mfa: a staff member enrols an authenticator app (rendered statically).</summary>
public sealed class MfaPage(IPage page)
{
    public const string Path = "/account/mfa";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in", Level = 1 });

    public ILocator QrCode => page.GetByRole(AriaRole.Img, new() { Name = "QR code of your authenticator key" });

    public ILocator Key => page.Locator("[data-field=key]");

    public ILocator VerificationCode => page.GetByLabel("Verification code", new() { Exact = true });

    public ILocator TurnOnButton => page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" });

    public ILocator RecoveryCodes => page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem);

    public ILocator Status => page.GetByRole(AriaRole.Status);

    public async Task GotoAsync()
    {
        await page.GotoAsync(Path);
        await Expect(Heading).ToBeVisibleAsync();
    }

    public async Task ConfirmAsync(string code)
    {
        await VerificationCode.FillAsync(code);
        await TurnOnButton.ClickAsync();
    }
}

/// <summary>The second step of signing in: the "Authentication code" field.</summary>
public sealed class SignInCodePage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Authentication code", Level = 1 });

    public ILocator Code => page.GetByLabel("Authentication code", new() { Exact = true });

    public ILocator SubmitButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    public ILocator Alert => page.GetByRole(AriaRole.Alert);

    public async Task EnterAsync(string code)
    {
        await Expect(Heading).ToBeVisibleAsync();
        await Code.FillAsync(code);
        await SubmitButton.ClickAsync();
    }
}
