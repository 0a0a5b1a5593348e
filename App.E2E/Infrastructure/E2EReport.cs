using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>A test's outcome, in the order the report lists them: what needs a look first.</summary>
public enum ReportOutcome
{
    Failed,
    Skipped,
    Passed,
}

/// <summary>One test as the report shows it; the paths are absolute, of files that exist.</summary>
/// <param name="Duration">The test's own time on its portal, without the wait for a free one.</param>
/// <param name="Message">Why it failed or was skipped.</param>
/// <param name="Details">The exception and its stack, for a failure.</param>
/// <param name="Phases">Where <paramref name="Duration"/> went (<see cref="TestPhases"/>).</param>
public sealed record ReportedTest(
    string ClassName,
    string Name,
    ReportOutcome Outcome,
    TimeSpan Duration,
    string? Message,
    string? Details,
    IReadOnlyList<string> Screenshots,
    string? Trace,
    string RerunCommand,
    IReadOnlyDictionary<string, TimeSpan> Phases);

/// <summary>What the report says of the whole run.</summary>
public sealed record ReportedRun(DateTimeOffset StartedAt, TimeSpan WallTime, string Portal, string Browser);

/// <summary>
/// The HTML report of a run (<c>report</c> in <c>playwright.config.json</c>): every test's
/// outcome as its <see cref="BrowserTest"/> clean-up saw it, written once at the end of the run,
/// with links to the traces and screenshots kept beside it in <c>outputDir</c>.
/// </summary>
public static class E2EReport
{
    private static readonly ConcurrentQueue<ReportedTest> Tests = new();

    public static void Add(ReportedTest test) => Tests.Enqueue(test);

    /// <summary>Writes the report of what was added so far to <paramref name="path"/>; replaces an earlier run's.</summary>
    public static void Write(string path, ReportedRun run)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tests = Tests.OrderBy(t => t.Outcome).ThenBy(t => t.ClassName, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        File.WriteAllText(path, E2EReportPage.Render(Path.GetDirectoryName(path)!, run, tests));
    }

    /// <summary>Where the time of the tests added so far went, phase by phase (<see cref="TestPhases.Summarize"/>).</summary>
    public static string PhaseSummary() => TestPhases.Summarize([.. Tests]);

    /// <summary>The outcome the report files a test under: an inconclusive test is skipped, as in the TRX counters.</summary>
    public static ReportOutcome OutcomeOf(UnitTestOutcome outcome) => outcome switch
    {
        UnitTestOutcome.Passed => ReportOutcome.Passed,
        UnitTestOutcome.Inconclusive or UnitTestOutcome.NotRunnable or UnitTestOutcome.Ignored => ReportOutcome.Skipped,
        _ => ReportOutcome.Failed,
    };

    /// <summary>
    /// The command that opens a trace here: the Playwright driver the package ships beside the test
    /// assembly (the same version, and no download), serving the viewer on a local port to open
    /// in any browser (it cannot start a browser of its own where Playwright's are not installed).
    /// </summary>
    public static string ShowTraceCommand(string trace)
    {
        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright");
        var arm = RuntimeInformation.OSArchitecture == Architecture.Arm64;
        var node = OperatingSystem.IsWindows() ? Path.Combine("win32_x64", "node.exe")
            : Path.Combine($"{(OperatingSystem.IsMacOS() ? "darwin" : "linux")}-{(arm ? "arm64" : "x64")}", "node");
        return $"{Path.Combine(driver, "node", node)} {Path.Combine(driver, "package", "cli.js")} show-trace --host 127.0.0.1 --port 9323 {trace}";
    }
}
