namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// What one test run shares: the settings, the portal and one browser process. Tests share no
/// page state: each gets its own browser context (<see cref="BrowserTest"/>).
/// </summary>
[TestClass]
public static class E2ERun
{
    private static PortalHost? _host;
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static SemaphoreSlim? _browserSlots;
    private static readonly List<string> SetupLog = [];

    public static E2EConfig Config => E2EConfig.Current;

    public static PortalHost Host => _host ?? throw NotStarted();

    public static IBrowser Browser => _browser ?? throw NotStarted();

    /// <summary>
    /// <c>workers</c> as a gate: MSTest's worker count is fixed at compile time
    /// (<c>MSTestSettings.cs</c>), so MSTest may start more tests than this, and the extra ones
    /// wait here for a free slot before they open a page.
    /// </summary>
    public static SemaphoreSlim BrowserSlots => _browserSlots ?? throw NotStarted();

    /// <summary>
    /// Settings, portal address and browser of this run. Output of [AssemblyInitialize] is shown
    /// nowhere under Microsoft.Testing.Platform, so a failing test prints these.
    /// </summary>
    public static IReadOnlyList<string> Setup => SetupLog;

    [AssemblyInitialize]
    public static async Task InitializeAsync(TestContext _)
    {
        var config = Config;
        SetupLog.Add($"E2E settings: {config}");
        Assertions.SetDefaultExpectTimeout(config.ExpectTimeoutMs);
        _browserSlots = new SemaphoreSlim(config.Workers, config.Workers);

        _host = PortalHost.Start(config);
        SetupLog.Add($"Portal: {_host.BaseUrl} ({(_host.IsInProcess ? "in-process, seeded demo data" : "configured baseUrl")})");

        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserLauncher.LaunchAsync(_playwright, config, SetupLog.Add);
    }

    [AssemblyCleanup]
    public static async Task CleanupAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _browserSlots?.Dispose();
    }

    private static InvalidOperationException NotStarted() =>
        new("The end-to-end run is not initialised: E2ERun's [AssemblyInitialize] did not run or failed.");
}
