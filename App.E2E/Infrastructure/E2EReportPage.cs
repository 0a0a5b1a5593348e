using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// The markup of <see cref="E2EReport"/>: one HTML file that opens from the file system under its
/// own strict Content-Security-Policy. It has no script at all: the outcome filter is radio buttons
/// and CSS (<c>:has(:checked)</c>); its one style sheet is allowed by its hash; screenshots are
/// inline (<c>data:</c> images), traces links to the files beside it. Everything a test wrote is
/// HTML-encoded.
/// </summary>
public static class E2EReportPage
{
    private const string Style = """
        body { font: 15px/1.45 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
        .summary { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.25rem; margin: 0 0 1.25rem; }
        .summary dt { font-weight: 600; }
        .summary dd { margin: 0; overflow-wrap: anywhere; }
        fieldset { border: 1px solid #8a8a8a; border-radius: 4px; margin: 0 0 1rem; padding: .5rem .75rem; }
        legend { font-weight: 600; padding: 0 .25rem; }
        fieldset label { margin-right: 1.25rem; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid #d0d0d0; }
        thead th { border-bottom: 2px solid #555; }
        td.duration { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .outcome { font-weight: 600; }
        .failed .outcome { color: #a4161a; }
        .passed .outcome { color: #1e6b33; }
        .skipped .outcome { color: #5c4a00; }
        tr.detail td { background: #fbf3f3; border-bottom: 2px solid #a4161a; }
        .skipped tr.detail td { background: #faf7ea; border-bottom-color: #8a6d00; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: .25rem 0 .75rem; font: 13px/1.4 ui-monospace, monospace; }
        code { font: 13px/1.4 ui-monospace, monospace; overflow-wrap: anywhere; }
        img { display: block; max-width: 100%; border: 1px solid #8a8a8a; margin: .5rem 0; }
        a { color: #0b4f9c; }
        main:has(#show-failed:checked) tbody.test:not(.failed),
        main:has(#show-passed:checked) tbody.test:not(.passed),
        main:has(#show-skipped:checked) tbody.test:not(.skipped) { display: none; }
        """;

    /// <summary>Only the page's own style sheet; no script, no font, nothing fetched but the inline images.</summary>
    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "img-src data:; base-uri 'none'; form-action 'none'";

    public static string Render(string reportFolder, ReportedRun run, IReadOnlyList<ReportedTest> tests)
    {
        int Count(ReportOutcome outcome) => tests.Count(t => t.Outcome == outcome);
        var (passed, failed, skipped) = (Count(ReportOutcome.Passed), Count(ReportOutcome.Failed), Count(ReportOutcome.Skipped));
        var counts = $"{passed} passed, {failed} failed, {skipped} skipped";

        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="{E(ContentSecurityPolicy)}">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Browser tests: {counts}</title>
            <style>{Style}</style>
            </head>
            <body>
            <main>
            <h1>Browser tests: {counts}</h1>
            <dl class="summary">
            <dt>Passed</dt><dd id="passed">{passed}</dd>
            <dt>Failed</dt><dd id="failed">{failed}</dd>
            <dt>Skipped</dt><dd id="skipped">{skipped}</dd>
            <dt>Wall time</dt><dd>{Seconds(run.WallTime)}</dd>
            <dt>Started</dt><dd>{E(run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))}</dd>
            <dt>Portal</dt><dd>{E(run.Portal)}</dd>
            <dt>Browser</dt><dd>{E(run.Browser)}</dd>
            </dl>
            <fieldset>
            <legend>Show</legend>
            <input type="radio" name="show" id="show-all" checked><label for="show-all">All ({tests.Count})</label>
            <input type="radio" name="show" id="show-failed"><label for="show-failed">Failed ({failed})</label>
            <input type="radio" name="show" id="show-passed"><label for="show-passed">Passed ({passed})</label>
            <input type="radio" name="show" id="show-skipped"><label for="show-skipped">Skipped ({skipped})</label>
            </fieldset>
            <table>
            <caption>Tests, failed first, then skipped; the duration is the test's own time on its portal</caption>
            <thead><tr><th scope="col">Test</th><th scope="col">Outcome</th><th scope="col">Duration</th></tr></thead>

            """);

        foreach (var test in tests)
        {
            AppendTest(html, reportFolder, test);
        }

        html.Append("""
            </table>
            </main>
            </body>
            </html>

            """);
        return html.ToString();
    }

    private static void AppendTest(StringBuilder html, string reportFolder, ReportedTest test)
    {
        var outcome = test.Outcome.ToString().ToLowerInvariant();
        html.Append($"""
            <tbody class="test {outcome}">
            <tr><th scope="row">{E(test.ClassName)}.{E(test.Name)}</th><td class="outcome">{test.Outcome}</td><td class="duration">{Seconds(test.Duration)}</td></tr>

            """);

        if (test.Outcome != ReportOutcome.Passed && (test.Message is not null || test.Screenshots.Count > 0 || test.Trace is not null))
        {
            html.Append("<tr class=\"detail\"><td colspan=\"3\">\n");
            if (test.Message is not null)
            {
                html.Append($"<pre class=\"message\">{E(test.Message)}</pre>\n");
            }

            if (test.Details is not null)
            {
                html.Append($"<details><summary>Exception and stack</summary><pre>{E(test.Details)}</pre></details>\n");
            }

            if (test.Trace is not null)
            {
                html.Append($"""
                    <p><a href="{E(RelativeUrl(reportFolder, test.Trace))}">Trace ({E(Path.GetFileName(test.Trace))})</a>; open it with
                    <code>{E(E2EReport.ShowTraceCommand(test.Trace))}</code> (then the address it prints), or drop the zip on https://trace.playwright.dev</p>

                    """);
            }

            foreach (var screenshot in test.Screenshots)
            {
                html.Append($"""
                    <img src="data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(screenshot))}" alt="Full-page screenshot of {E(test.Name)} when it ended ({E(Path.GetFileName(screenshot))})">

                    """);
            }

            if (test.Outcome == ReportOutcome.Failed)
            {
                html.Append($"<p>Run it alone: <code>{E(test.RerunCommand)}</code></p>\n");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture);

    /// <summary>A relative URL from the report to a file beside it, each path segment escaped.</summary>
    private static string RelativeUrl(string from, string to) =>
        string.Join('/', Path.GetRelativePath(from, to).Split(Path.DirectorySeparatorChar).Select(s => s == ".." ? s : Uri.EscapeDataString(s)));
}
