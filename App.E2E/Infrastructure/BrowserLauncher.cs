namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// Launches the configured browser (docs/contract.md §10): the configured executable if set; else Playwright's
/// installed browser; else, for Chromium, a system Chromium; else fails saying how to get one.
/// </summary>
public static class BrowserLauncher
{
    public static readonly IReadOnlyList<string> SystemChromiums =
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>
    /// Debian's <c>chromium-headless-shell</c>: the build Playwright itself runs headless, without the
    /// full browser's user interface; a headless suite spends half the CPU time in it that it does in
    /// <c>chromium --headless</c>. The binary, not <c>/usr/bin</c>'s wrapper script, so that closing
    /// the browser ends its process.
    /// </summary>
    public const string SystemHeadlessShell = "/usr/lib/chromium/chromium-headless-shell";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright, E2EConfig config, Action<string> log)
    {
        var browserType = config.Browser switch
        {
            BrowserKind.Firefox => playwright.Firefox,
            BrowserKind.Webkit => playwright.Webkit,
            _ => playwright.Chromium,
        };

        if (config.ExecutablePath is { } configured)
        {
            if (!File.Exists(configured))
            {
                throw new E2EConfigException(
                    $"executablePath '{configured}' (playwright.config.json or PLAYWRIGHT_EXECUTABLE_PATH) does not exist");
            }

            log($"Browser: {configured} (configured)");
            return await browserType.LaunchAsync(Options(config, configured));
        }

        try
        {
            // Asking Playwright is the only reliable test for "installed": headless Chromium runs a
            // separate headless-shell build that IBrowserType.ExecutablePath does not name.
            var browser = await browserType.LaunchAsync(Options(config, executablePath: null));
            log($"Browser: Playwright's {config.Browser} {browser.Version}");
            return browser;
        }
        catch (PlaywrightException e) when (e.Message.Contains("Executable doesn't exist", StringComparison.Ordinal))
        {
            var candidates = config.Headless ? SystemChromiums.Prepend(SystemHeadlessShell) : SystemChromiums;
            var system = config.Browser == BrowserKind.Chromium ? candidates.FirstOrDefault(File.Exists) : null;
            if (system is null)
            {
                throw new E2EConfigException(NoBrowserMessage(config.Browser));
            }

            log($"Browser: {system} (system Chromium; Playwright's own is not installed)");
            return await browserType.LaunchAsync(Options(config, system));
        }
    }

    private static BrowserTypeLaunchOptions Options(E2EConfig config, string? executablePath) => new()
    {
        ExecutablePath = executablePath,
        Headless = config.Headless,
        SlowMo = config.SlowMoMs,
        Args = config.LaunchArgs,
    };

    private static string NoBrowserMessage(BrowserKind browser)
    {
        var name = browser.ToString().ToLowerInvariant();
        var systemHint = browser == BrowserKind.Chromium
            ? $" and there is no system Chromium ({string.Join(", ", SystemChromiums.Prepend(SystemHeadlessShell))}). " +
              "Install one with `apt-get install -y chromium-headless-shell chromium`, or"
            : ". Use browser \"chromium\" with a system Chromium, or";
        return $"No {name} browser: Playwright's own is not installed (`pwsh App.E2E/bin/Debug/net10.0/playwright.ps1 install {name}` " +
               $"where downloads work){systemHint} set executablePath in playwright.config.json or PLAYWRIGHT_EXECUTABLE_PATH";
    }
}
