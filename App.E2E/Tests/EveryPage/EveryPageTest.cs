namespace AdminPortal.E2E.Tests.EveryPage;

/// <summary>
/// docs/contract.md §9 on every page: axe finds nothing serious or critical, at a desktop's width
/// and at a phone's 390 × 844, and at the phone's width the document does not scroll sideways and
/// the top bar's controls stay on the screen. Each class walks a few pages on one portal and one
/// sign-in, checking each page once it shows its content at both widths without loading it again
/// (axe goes into each document once); every page's problems are gathered before the test fails,
/// so one run names them all. The pages are split over a few classes so that no class runs long.
/// </summary>
public abstract class EveryPageTest : BrowserTest
{
    public const int PhoneWidth = 390;
    public const int PhoneHeight = 844;
    private const int DesktopWidth = 1280;
    private const int DesktopHeight = 720;

    private readonly List<string> _problems = [];

    /// <summary>Adds a problem found on the page outside the common checks (it fails the test at the end).</summary>
    protected void Problem(string text) => _problems.Add(text);

    /// <summary>Checks the page as it is now at the desktop's width and then at the phone's; the viewport is a desktop's again afterwards.</summary>
    /// <param name="signedIn">Whether the page has the signed-in top bar (the account pages have none).</param>
    protected async Task CheckAsync(string name, bool signedIn = true)
    {
        await Page.SetViewportSizeAsync(DesktopWidth, DesktopHeight);
        await ScanAsync($"{name} ({DesktopWidth} px)");

        await CheckAtPhoneWidthAsync(name, signedIn);
        await Page.SetViewportSizeAsync(DesktopWidth, DesktopHeight);
    }

    /// <summary>Checks the page as it is now at the phone's width only: a state only a phone has (the menu opened by its toggle).</summary>
    protected async Task CheckAtPhoneWidthAsync(string name, bool signedIn = true)
    {
        await Page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        var widths = await Page.EvaluateAsync<int[]>(
            "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        if (scrollWidth > clientWidth)
        {
            var widest = await Page.EvaluateAsync<string>(
                "w => Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > w)" +
                ".slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')).join(', ')",
                clientWidth);
            _problems.Add($"{name}: the page scrolls sideways at {PhoneWidth} px ({scrollWidth} px wide in {clientWidth}; past the edge: {widest})");
        }

        if (signedIn)
        {
            var layout = new PortalLayout(Page);
            foreach (var (control, locator) in new[] { ("Sign out", layout.SignOutButton), ("Change password", layout.ChangePasswordLink) })
            {
                var bounds = await locator.CountAsync() == 1 ? await locator.BoundingBoxAsync() : null;
                if (bounds is null || bounds.X < 0 || bounds.X + bounds.Width > clientWidth)
                {
                    _problems.Add($"{name}: \"{control}\" is not within the screen's width at {PhoneWidth} px ({(bounds is null ? "not shown" : $"{bounds.X:F0} to {bounds.X + bounds.Width:F0} px")})");
                }
            }
        }

        await ScanAsync($"{name} ({PhoneWidth} px)");
    }

    /// <summary>Fails with every problem found, if any.</summary>
    protected void AssertNoProblems()
    {
        if (_problems.Count > 0)
        {
            Assert.Fail($"{_problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, _problems)}");
        }
    }

    private async Task ScanAsync(string name)
    {
        try
        {
            await Accessibility.AssertNoSeriousViolationsAsync(Page, TestContext.WriteLine);
        }
        catch (AssertFailedException e)
        {
            _problems.Add($"{name}: {e.Message}");
        }
    }
}
