namespace AdminPortal.E2E.Pages;

/// <summary>The signed-in staff member's password change (rendered statically: no circuit to wait for).</summary>
public sealed class ChangePasswordPage(IPage page)
{
    public const string Path = "/account/password";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Change password", Level = 1 });

    public ILocator CurrentPassword => page.GetByLabel("Current password", new() { Exact = true });

    public ILocator NewPassword => page.GetByLabel("New password", new() { Exact = true });

    public ILocator ConfirmPassword => page.GetByLabel("Confirm new password", new() { Exact = true });

    public ILocator ChangeButton => page.GetByRole(AriaRole.Button, new() { Name = "Change password", Exact = true });

    public ILocator Errors => page.GetByRole(AriaRole.Alert);

    public ILocator Notice => page.GetByRole(AriaRole.Status);

    public async Task GotoAsync()
    {
        await page.GotoAsync(Path);
        await Expect(Heading).ToBeVisibleAsync();
    }

    public async Task ChangeAsync(string current, string newPassword)
    {
        await CurrentPassword.FillAsync(current);
        await NewPassword.FillAsync(newPassword);
        await ConfirmPassword.FillAsync(newPassword);
        await ChangeButton.ClickAsync();
    }
}
