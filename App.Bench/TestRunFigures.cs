using System.Globalization;
using System.Xml.Linq;

namespace AdminPortal.Bench;

/// <summary>
/// The test suite's figures from the TRX files of the last run (TestResults/): the wall time of
/// ./test.sh when the script timed it, the span of the runs, and the bUnit tests' median duration.
/// </summary>
public static class TestRunFigures
{
    // The bUnit tests are the App.Tests classes under App.Tests/Components.
    private const string BunitNamespace = "AdminPortal.Tests.Components.";

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

        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var bunit = new List<double>();
        var starts = new List<DateTimeOffset>();
        var finishes = new List<DateTimeOffset>();
        var total = 0;
        foreach (var file in files)
        {
            var trx = XDocument.Load(file);
            var times = trx.Root!.Element(ns + "Times");
            if (times is not null)
            {
                starts.Add(DateTimeOffset.Parse(times.Attribute("start")!.Value, CultureInfo.InvariantCulture));
                finishes.Add(DateTimeOffset.Parse(times.Attribute("finish")!.Value, CultureInfo.InvariantCulture));
            }

            var classes = trx.Descendants(ns + "UnitTest").ToDictionary(
                t => t.Attribute("id")!.Value,
                t => t.Element(ns + "TestMethod")?.Attribute("className")?.Value ?? "");
            foreach (var result in trx.Descendants(ns + "UnitTestResult"))
            {
                total++;
                var className = classes.GetValueOrDefault(result.Attribute("testId")!.Value, "");
                if (className.StartsWith(BunitNamespace, StringComparison.Ordinal) && result.Attribute("duration") is { } duration)
                {
                    bunit.Add(TimeSpan.Parse(duration.Value, CultureInfo.InvariantCulture).TotalMilliseconds);
                }
            }
        }

        var age = DateTimeOffset.UtcNow - finishes.Max();
        results.Add("Test run read", $"{files.Length} TRX files, {total} tests, finished {age.TotalMinutes:F0} min ago", "", null);

        if (args.Find("wall-seconds") is { } wall)
        {
            var seconds = double.Parse(wall, CultureInfo.InvariantCulture);
            results.Add("./test.sh whole (build + all tests), wall time", $"{seconds:F0} s", "≤ 300 s", seconds <= 300);
        }
        else
        {
            var span = (finishes.Max() - starts.Min()).TotalSeconds;
            results.Add("Test projects' run span from TRX (build excluded; ./bench --tests times the whole ./test.sh)",
                $"{span:F0} s", "≤ 300 s (whole command)", null);
        }

        if (bunit.Count > 0)
        {
            var median = Percentiles.Of(bunit, 50);
            results.Add($"bUnit median per test ({bunit.Count} tests, p90 {Results.Ms(Percentiles.Of(bunit, 90))})",
                Results.Ms(median), "≤ 10 ms", median <= 10);
        }

        return 0;
    }
}
