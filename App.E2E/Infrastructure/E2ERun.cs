namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// What one test run shares: the settings, the portal and one browser process. Tests share no
/// page state: each gets its own browser context (<see cref="BrowserTest"/>).
/// </summary>
[TestClass]
public static class E2ERun
{
    private static PortalPool? _portals;
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static readonly List<string> SetupLog = [];
    private static readonly System.Diagnostics.Stopwatch WallTime = new();
    private static DateTimeOffset _startedAt;
    private static string _browserDescription = "(not started)";

    public static E2EConfig Config => E2EConfig.Current;

    /// <summary>
    /// <c>workers</c> portals, each with its own database: a test borrows one, so at most
    /// <c>workers</c> tests drive the browser at once (MSTest's own worker count is fixed at compile
    /// time in <c>MSTestSettings.cs</c>; extra tests wait here).
    /// </summary>
    public static PortalPool Portals => _portals ?? throw NotStarted();

    public static IBrowser Browser => _browser ?? throw NotStarted();

    /// <summary>
    /// Settings, portal address and browser of this run. Output of [AssemblyInitialize] is shown
    /// nowhere under Microsoft.Testing.Platform, so a failing test prints these.
    /// </summary>
    public static IReadOnlyList<string> Setup => SetupLog;

    [AssemblyInitialize]
    public static async Task InitializeAsync(TestContext _)
    {
        _startedAt = DateTimeOffset.UtcNow;
        WallTime.Start();
        var config = Config;
        SetupLog.Add($"E2E settings: {config}");
        Assertions.SetDefaultExpectTimeout(config.ExpectTimeoutMs);
        // The portals (migrations, demo seed, template) and the browser start side by side.
        var portals = Task.Run(() => PortalPool.StartAsync(config));
        _playwright = await Playwright.CreateAsync();
        string? launched = null;
        var browserLines = new List<string>();
        var browser = BrowserLauncher.LaunchAsync(_playwright, config, line =>
        {
            launched = line.StartsWith("Browser: ", StringComparison.Ordinal) ? line["Browser: ".Length..] : line;
            browserLines.Add(line);
        });
        try
        {
            await Task.WhenAll(portals, browser);
        }
        finally
        {
            // Whichever failed, the other is closed at the clean-up.
            _portals = portals.IsCompletedSuccessfully ? portals.Result : null;
            _browser = browser.IsCompletedSuccessfully ? browser.Result : null;
        }

        SetupLog.Add(config.BaseUrl is null
            ? $"Portals: {string.Join(", ", Portals.Hosts.Select(h => h.BaseUrl))} (in-process, each test on a fresh copy of the seeded demo data)"
            : $"Portal: {config.BaseUrl} (configured baseUrl)");
        SetupLog.AddRange(browserLines);
        _browserDescription = $"{config.Browser} {Browser.Version}{(config.Headless ? ", headless" : "")}; {launched}";
    }

    [AssemblyCleanup]
    public static async Task CleanupAsync()
    {
        WriteReport();
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_portals is not null)
        {
            await _portals.DisposeAsync();
        }
    }

    /// <summary>The run's per-phase summary (<see cref="TestPhases.Summarize"/>), beside its report.</summary>
    public static string PhasesFile => Path.Combine(Path.GetDirectoryName(Config.Report)!, "phases.txt");

    /// <summary>The run's HTML report, at <c>report</c> (the setup lines say where it went when a test failed).</summary>
    private static void WriteReport()
    {
        var portal = Config.BaseUrl is { } external
            ? $"{external} (configured baseUrl)"
            : _portals is null
                ? "(not started)"
                : $"{string.Join(", ", _portals.Hosts.Select(h => h.BaseUrl))} (in-process, each test on a fresh copy of the seeded demo data)";
        E2EReport.Write(Config.Report, new ReportedRun(_startedAt, WallTime.Elapsed, portal, _browserDescription));

        // Where the tests' time went, beside the report: output written here reaches no console
        // under Microsoft.Testing.Platform (App.E2E/repeat.sh prints the file after each run).
        File.WriteAllText(PhasesFile, E2EReport.PhaseSummary() + Environment.NewLine);
    }

    private static InvalidOperationException NotStarted() =>
        new("The end-to-end run is not initialised: E2ERun's [AssemblyInitialize] did not run or failed.");
}
