using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AdminPortal.E2E.Tests;

/// <summary>
/// The HTML report QA read after a run (<c>report</c> in <c>playwright.config.json</c>), checked on
/// the report of a separate run of <see cref="ReportSampleTests"/> (against a portal this run serves,
/// as a configured <c>baseUrl</c>): one test passed, one failed, one inconclusive.
/// </summary>
[TestClass]
public sealed partial class ReportTests : BrowserTest
{
    private const string Failing = nameof(ReportSampleTests.Fails_on_purpose_on_the_sign_in_page);
    private const string Passing = nameof(ReportSampleTests.Opens_the_sign_in_page);
    private const string Inconclusive = nameof(ReportSampleTests.Is_inconclusive_on_purpose);

    private static SampleRun? _sample;

    private static SampleRun Sample => _sample ?? throw new InvalidOperationException("The sample run did not run.");

    /// <summary>The portal the sample run drives: one of this run's, which its tests only read.</summary>
    private static Uri SamplePortal => E2ERun.Portals.Hosts[0].BaseUrl;

    /// <summary>Once for the class, before a test holds a portal.</summary>
    [ClassInitialize]
    public static async Task RunTheSampleAsync(TestContext _) => _sample = await SampleRun.StartAsync(SamplePortal);

    [ClassCleanup]
    public static void DeleteTheSample() => _sample?.Delete();

    [TestMethod]
    public async Task A_failed_run_leaves_a_report_with_each_test_its_failure_screenshot_and_trace()
    {
        Assert.AreEqual(SampleRun.SomeTestFailed, Sample.ExitCode, Sample.Output);
        var html = await File.ReadAllTextAsync(Sample.Report);
        var failed = Sample.ArtifactFolder(Failing);

        StringAssert.Contains(html, "<title>Browser tests: 1 passed, 1 failed, 1 skipped</title>");
        StringAssert.Contains(html, "<dd id=\"passed\">1</dd>");
        StringAssert.Contains(html, "<dd id=\"failed\">1</dd>");
        StringAssert.Contains(html, "<dd id=\"skipped\">1</dd>");
        StringAssert.Matches(html, WallTime());
        StringAssert.Contains(html, $"<dt>Browser</dt><dd>{E2ERun.Config.Browser} {E2ERun.Browser.Version}");
        StringAssert.Contains(html, $"<dt>Portal</dt><dd>{WebUtility.HtmlEncode(SamplePortal.ToString())} (configured baseUrl)</dd>");

        // One row per test with its outcome and duration, failures first, then the skipped.
        var rows = Row().Matches(html).Select(m => (m.Groups["name"].Value, m.Groups["outcome"].Value)).ToList();
        CollectionAssert.AreEqual(
            new[] { ($"{nameof(ReportSampleTests)}.{Failing}", "Failed"), ($"{nameof(ReportSampleTests)}.{Inconclusive}", "Skipped"), ($"{nameof(ReportSampleTests)}.{Passing}", "Passed") },
            rows,
            html);

        // The failure's message as text: its markup encoded, nothing of it left to run.
        // (MSTest puts "Assertion failed." before an Assert.Fail's own text.)
        StringAssert.Contains(html, $"<pre class=\"message\">Assertion failed.\n{WebUtility.HtmlEncode(ReportSampleTests.FailureMessage)}</pre>");
        Assert.IsFalse(html.Contains(ReportSampleTests.Markup, StringComparison.Ordinal), "the markup of a message is encoded");
        Assert.IsFalse(html.Contains("<script", StringComparison.OrdinalIgnoreCase), "no script at all");
        StringAssert.Contains(html, "This test is inconclusive on purpose.");

        // The failure's full-page screenshot inline, and its trace beside the report.
        var screenshot = await File.ReadAllBytesAsync(Path.Combine(failed, "screenshot.png"));
        StringAssert.Contains(html, $"<img src=\"data:image/png;base64,{Convert.ToBase64String(screenshot)}\"");
        var trace = TraceLink().Match(html);
        Assert.IsTrue(trace.Success, "a link to the trace");
        Assert.AreEqual(
            Path.GetFullPath(Path.Combine(failed, "trace.zip")),
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Sample.Report)!, Uri.UnescapeDataString(trace.Groups["href"].Value))));
        StringAssert.Contains(html, WebUtility.HtmlEncode(E2EReport.ShowTraceCommand(Path.Combine(failed, "trace.zip"))));
        StringAssert.Contains(html, WebUtility.HtmlEncode($"FullyQualifiedName=AdminPortal.E2E.Tests.{nameof(ReportSampleTests)}.{Failing}"));

        // Self-contained under its own policy: no script, nothing fetched, its one style sheet by hash.
        var style = Style().Match(html).Groups["css"].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        StringAssert.Contains(html, $"content=\"default-src &#39;none&#39;; style-src &#39;sha256-{hash}&#39;; img-src data:;");
        Assert.IsFalse(Fetched().IsMatch(html), "nothing loaded from elsewhere: " + Fetched().Match(html).Value);
    }

    [TestMethod]
    public async Task The_report_opens_from_the_file_system_filters_by_outcome_and_passes_axe()
    {
        var blocked = new List<string>();
        Page.Console += (_, message) => blocked.Add(message.Text);
        var failed = Page.GetByRole(AriaRole.Rowheader, new() { Name = $"{nameof(ReportSampleTests)}.{Failing}" });
        var passed = Page.GetByRole(AriaRole.Rowheader, new() { Name = $"{nameof(ReportSampleTests)}.{Passing}" });
        var skipped = Page.GetByRole(AriaRole.Rowheader, new() { Name = $"{nameof(ReportSampleTests)}.{Inconclusive}" });

        await Page.GotoAsync(new Uri(Sample.Report).AbsoluteUri);

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Browser tests: 1 passed, 1 failed, 1 skipped", Level = 1 })).ToBeVisibleAsync();
        await Expect(failed).ToBeVisibleAsync();
        await Expect(passed).ToBeVisibleAsync();
        await Expect(skipped).ToBeVisibleAsync();
        var screenshot = Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Full-page screenshot of " + Failing) });
        await Expect(screenshot).ToHaveJSPropertyAsync("complete", true);
        Assert.IsGreaterThan(0, await screenshot.EvaluateAsync<int>("img => img.naturalWidth"), "the inline screenshot is shown");
        await Accessibility.AssertNoSeriousViolationsAsync(Page, TestContext.WriteLine);

        await Page.GetByLabel("Failed (1)").CheckAsync();
        await Expect(failed).ToBeVisibleAsync();
        await Expect(passed).ToBeHiddenAsync();
        await Expect(skipped).ToBeHiddenAsync();

        await Page.GetByLabel("Passed (1)").CheckAsync();
        await Expect(passed).ToBeVisibleAsync();
        await Expect(failed).ToBeHiddenAsync();
        await Expect(screenshot).ToBeHiddenAsync();

        await Page.GetByLabel("Skipped (1)").CheckAsync();
        await Expect(skipped).ToBeVisibleAsync();
        await Expect(passed).ToBeHiddenAsync();

        await Page.GetByLabel("All (3)").CheckAsync();
        await Expect(failed).ToBeVisibleAsync();
        await Expect(passed).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(Page, TestContext.WriteLine);
        Assert.IsEmpty(blocked, "the page's own policy refused nothing: " + string.Join("; ", blocked));
    }

    [GeneratedRegex(@"<dt>Wall time</dt><dd>\d+\.\d s</dd>")]
    private static partial Regex WallTime();

    [GeneratedRegex("""<tr><th scope="row">(?<name>[^<]+)</th><td class="outcome">(?<outcome>\w+)</td><td class="duration">\d+\.\d s</td></tr>""")]
    private static partial Regex Row();

    [GeneratedRegex("""<a href="(?<href>[^"]+trace\.zip)">""")]
    private static partial Regex TraceLink();

    [GeneratedRegex("<style>(?<css>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex Style();

    /// <summary>Anything a browser would fetch: a script, a style sheet or font link, an image or frame not inline.</summary>
    [GeneratedRegex("""<(script|link|iframe|object|embed)\b|\bsrc="(?!data:)|url\(""", RegexOptions.IgnoreCase)]
    private static partial Regex Fetched();
}
