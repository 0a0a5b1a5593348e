using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// Where a browser test's time on its portal goes, phase by phase: each test's phases go into its
/// output and the report, and the run's summary (<see cref="Summarize"/>) says which phases to cut.
/// A phase is timed where the suite does it for every test (the fixture, the sign-in, the page
/// objects' navigation, the axe check), found from the page's browser context, so journeys need no
/// timing code of their own. The rest of a test's time is its own steps.
/// </summary>
public sealed class TestPhases
{
    public const string BrowserContext = "browser context (new context, trace start, new page)";
    public const string SignIn = "sign-in";
    public const string FirstNavigation = "first navigation of a browser (until load)";
    public const string LaterNavigation = "later navigations (until load)";
    public const string InteractiveMarker = "waiting for the interactive marker";
    public const string Axe = "axe checks";
    public const string Teardown = "teardown (trace, screenshot, close)";
    public const string OwnSteps = "the test's own steps";

    /// <summary>The order the summary lists them in: a test's life from start to end.</summary>
    private static readonly string[] Order = [BrowserContext, SignIn, FirstNavigation, LaterNavigation, InteractiveMarker, Axe, OwnSteps, Teardown];

    private static readonly ConditionalWeakTable<IBrowserContext, TestPhases> ByContext = new();

    private readonly ConcurrentDictionary<string, TimeSpan> _times = new();

    /// <summary>Counts what happens in <paramref name="context"/> (a test's main or other browser) to this test.</summary>
    public void Track(IBrowserContext context) => ByContext.AddOrUpdate(context, this);

    public void Add(string phase, TimeSpan elapsed) => _times.AddOrUpdate(phase, elapsed, (_, sum) => sum + elapsed);

    public async Task<T> TimeAsync<T>(string phase, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await step();
        }
        finally
        {
            Add(phase, clock.Elapsed);
        }
    }

    public Task TimeAsync(string phase, Func<Task> step) => TimeAsync(phase, async () =>
    {
        await step();
        return true;
    });

    /// <summary>Times <paramref name="step"/> as <paramref name="phase"/> of the test whose browser <paramref name="page"/> is in (untimed outside a test).</summary>
    public static Task<T> TimeAsync<T>(IPage page, string phase, Func<Task<T>> step) =>
        ByContext.TryGetValue(page.Context, out var phases) ? phases.TimeAsync(phase, step) : step();

    /// <inheritdoc cref="TimeAsync{T}(IPage, string, Func{Task{T}})"/>
    public static Task TimeAsync(IPage page, string phase, Func<Task> step) =>
        ByContext.TryGetValue(page.Context, out var phases) ? phases.TimeAsync(phase, step) : step();

    /// <summary>A navigation: a page's first (its browser context has nothing cached yet) apart from the later ones.</summary>
    public static Task<T> NavigationAsync<T>(IPage page, Func<Task<T>> navigate) =>
        TimeAsync(page, page.Url == "about:blank" ? FirstNavigation : LaterNavigation, navigate);

    /// <summary>Each phase's time, with what is left of <paramref name="onPortal"/> as the test's own steps.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Of(TimeSpan onPortal)
    {
        var phases = new Dictionary<string, TimeSpan>(_times);
        var timed = phases.Values.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);
        // Two browsers signing in at once overlap: the phases may add up to more than the test took.
        phases[OwnSteps] = onPortal > timed ? onPortal - timed : TimeSpan.Zero;
        return phases;
    }

    /// <summary>One line for the test's output: its phases in milliseconds.</summary>
    public static string Line(IReadOnlyDictionary<string, TimeSpan> phases) =>
        "Phases: " + string.Join("; ", Order.Where(phases.ContainsKey).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p} {phases[p].TotalMilliseconds:F0} ms")));

    /// <summary>
    /// The run's figures per phase: its share of all the time tests spent on their portals, its
    /// sum, and its median and largest per test (over every test, a test without it counting 0).
    /// </summary>
    public static string Summarize(IReadOnlyList<ReportedTest> tests)
    {
        var total = tests.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Duration);
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"Where {tests.Count} tests' {total.TotalSeconds:F1} s on their portals went (median on its portal {Median(tests.Select(t => t.Duration)).TotalMilliseconds:F0} ms):"));
        foreach (var phase in Order)
        {
            var each = tests.Select(t => t.Phases.GetValueOrDefault(phase)).ToList();
            var sum = each.Aggregate(TimeSpan.Zero, (s, t) => s + t);
            text.AppendLine().Append(string.Create(CultureInfo.InvariantCulture,
                $"  {phase,-52} {(total > TimeSpan.Zero ? sum / total : 0),4:P0}  sum {sum.TotalSeconds,6:F1} s  median {Median(each).TotalMilliseconds,6:F0} ms  max {(each.Count > 0 ? each.Max() : TimeSpan.Zero).TotalMilliseconds,6:F0} ms"));
        }

        return text.ToString();
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
