using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AdminPortal.Bench;

/// <summary>
/// The test suite's figures from the TRX files of the last run (TestResults/): the wall time of
/// ./test.sh and of the inner loop when the script timed them, each project's run span, the bUnit
/// median, the browser tests' time on their portal and their fresh database, and the slowest class.
/// </summary>
public static partial class TestRunFigures
{
    // The bUnit tests are the App.Tests classes under App.Tests/Components.
    private const string BunitNamespace = "AdminPortal.Tests.Components.";
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static int Run(BenchArgs args)
    {
        var results = new Results(args.Get("results"));
        var directory = args.Get("trx-dir");
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.trx") : [];
        if (files.Length == 0)
        {
            results.Add("Test suite", $"no TRX in {directory}: run ./test.sh or ./bench --tests", "", null);
            return 0;
        }

        var runs = files.Select(Read).ToList();
        var finished = runs.Max(r => r.Finish);
        results.Add("Test run read", $"{files.Length} TRX files, {runs.Sum(r => r.Tests.Count)} tests, finished {(DateTimeOffset.UtcNow - finished).TotalMinutes:F0} min ago", "", null);

        if (args.Find("wall-seconds") is { } wall)
        {
            var seconds = double.Parse(wall, CultureInfo.InvariantCulture);
            results.Add("./test.sh whole (build + all tests), wall time", $"{seconds:F0} s", "≤ 180 s", seconds <= 180);
        }

        if (args.Find("inner-seconds") is { } inner)
        {
            var seconds = double.Parse(inner, CultureInfo.InvariantCulture);
            results.Add("Inner loop warm (dotnet test --project App.Tests -- --filter TestCategory=InnerLoop), wall time", $"{seconds:F0} s", "≤ 20 s", seconds <= 20);
        }

        foreach (var run in runs)
        {
            var target = run.Project == "App.E2E" ? "≤ 60 s" : "";
            bool? pass = run.Project == "App.E2E" ? (run.Finish - run.Start).TotalSeconds <= 60 : null;
            results.Add($"{run.Project}: {run.Tests.Count} tests, run span (no build)", $"{(run.Finish - run.Start).TotalSeconds:F0} s", target, pass);
        }

        var bunit = runs.SelectMany(r => r.Tests).Where(t => t.Class.StartsWith(BunitNamespace, StringComparison.Ordinal)).Select(t => t.Milliseconds).ToList();
        if (bunit.Count > 0)
        {
            var median = Percentiles.Of(bunit, 50);
            results.Add($"bUnit median per test ({bunit.Count} tests, p90 {Results.Ms(Percentiles.Of(bunit, 90))})", Results.Ms(median), "≤ 5 ms", median <= 5);
        }

        var browser = runs.Where(r => r.Project == "App.E2E").SelectMany(r => r.Tests).ToList();
        var onPortal = browser.Select(t => t.OnPortalMilliseconds).OfType<double>().ToList();
        if (onPortal.Count > 0)
        {
            var median = Percentiles.Of(onPortal, 50);
            results.Add($"App.E2E median time on its portal per test (p90 {Results.Ms(Percentiles.Of(onPortal, 90))})", Results.Ms(median), "≤ 1,000 ms", median <= 1000);
        }

        var fresh = browser.Select(t => Number(FreshDatabase(), t.Output)).OfType<double>().ToList();
        if (fresh.Count > 0)
        {
            var median = Percentiles.Of(fresh, 50);
            results.Add("App.E2E fresh database median", Results.Ms(median), "≤ 15 ms", median <= 15);
        }

        // A class's own time: the sum of its tests' own times (what it costs the run, whatever ran
        // beside it). A browser test's TRX duration includes its wait for a free portal, so its time
        // on the portal counts instead.
        foreach (var run in runs)
        {
            var slowest = run.Tests.GroupBy(t => t.Class).Select(g => (Class: g.Key, Seconds: g.Sum(t => t.OwnMilliseconds) / 1000, Count: g.Count()))
                .OrderByDescending(c => c.Seconds).Take(3).ToList();
            foreach (var (name, seconds, count) in slowest)
            {
                results.Add($"{run.Project} class {name.Split('.').Last()} ({count} tests), sum of its tests' own times", $"{seconds:F1} s", "≤ 20 s", seconds <= 20);
            }
        }

        return 0;
    }

    private static ProjectRun Read(string file)
    {
        var trx = XDocument.Load(file);
        var times = trx.Root!.Element(Ns + "Times")!;
        var classes = trx.Descendants(Ns + "UnitTest").ToDictionary(
            t => t.Attribute("id")!.Value,
            t => t.Element(Ns + "TestMethod")?.Attribute("className")?.Value ?? "");
        var tests = trx.Descendants(Ns + "UnitTestResult")
            .Select(r => new Test(
                classes.GetValueOrDefault(r.Attribute("testId")!.Value, ""),
                r.Attribute("duration") is { } d ? TimeSpan.Parse(d.Value, CultureInfo.InvariantCulture).TotalMilliseconds : 0,
                r.Element(Ns + "Output")?.Element(Ns + "StdOut")?.Value ?? ""))
            .ToList();
        return new ProjectRun(
            Path.GetFileName(file).Split('_')[0],
            DateTimeOffset.Parse(times.Attribute("start")!.Value, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(times.Attribute("finish")!.Value, CultureInfo.InvariantCulture),
            tests);
    }

    private sealed record ProjectRun(string Project, DateTimeOffset Start, DateTimeOffset Finish, IReadOnlyList<Test> Tests);

    private sealed record Test(string Class, double Milliseconds, string Output)
    {
        /// <summary>A browser test's own time, which its output states; null for other tests.</summary>
        public double? OnPortalMilliseconds { get; } = Number(OnPortal(), Output);

        public double OwnMilliseconds => OnPortalMilliseconds ?? Milliseconds;
    }

    /// <summary>The figure the pattern's first group captures in <paramref name="output"/>, if it is there.</summary>
    private static double? Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    // Written by App.E2E's BrowserTest for every test.
    [GeneratedRegex(@"Ran (\d+) ms on its portal")]
    private static partial Regex OnPortal();

    [GeneratedRegex(@"Fresh database in ([\d.]+) ms")]
    private static partial Regex FreshDatabase();
}
