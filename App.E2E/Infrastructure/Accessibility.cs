using System.Text;
using Deque.AxeCore.Commons;
using Newtonsoft.Json.Linq;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>The axe check of docs/contract.md §9: no serious or critical violation on any page.</summary>
public static class Accessibility
{
    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    /// <summary>axe-core as Deque.AxeCore.Commons bundles it, read once per run.</summary>
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// Scans the page as it is now; fails listing every serious or critical violation with its
    /// elements, and writes the lesser ones to <paramref name="log"/> so they are not lost either.
    /// </summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, Action<string> log)
    {
        var result = await TestPhases.TimeAsync(page, TestPhases.Axe, () => RunAxeAsync(page));
        var violations = result.Violations ?? [];
        foreach (var minor in violations.Where(v => !Blocking.Contains(v.Impact ?? "")))
        {
            log($"axe ({minor.Impact}) on {page.Url}: {Describe(minor)}");
        }

        var blocking = violations.Where(v => Blocking.Contains(v.Impact ?? "")).Select(Describe).ToList();

        // Text the same colour as its background is invisible, yet axe only asks for a review of it
        // (it might be hidden on purpose): status badges once rendered white on white that way.
        blocking.AddRange(
            from item in result.Incomplete ?? []
            where item.Id == "color-contrast"
            from node in item.Nodes ?? []
            where (node.Any ?? []).Any(c => c.Message?.Contains("1:1 contrast ratio", StringComparison.Ordinal) == true)
            select $"[serious] invisible text, 1:1 contrast with its background: {node.Target}  {node.Html}");

        if (blocking.Count > 0)
        {
            var report = new StringBuilder($"{blocking.Count} serious or critical axe violation(s) on {page.Url}:");
            foreach (var violation in blocking)
            {
                report.AppendLine().Append(violation);
            }

            Assert.Fail(report.ToString());
        }
    }

    /// <summary>
    /// Every rule axe runs by default (all but the experimental ones), on the whole document. Not
    /// Deque.AxeCore.Playwright's <c>RunAxe</c>: to reach cross-origin frames (the portal has none)
    /// it runs axe in parts and finishes in a new blank page of its own, with axe sent to the
    /// browser again each time, 5–8 s a scan on this machine against 2–3 s for axe run here. axe is
    /// injected only into a document that has not got it yet, so a page scanned twice (both widths)
    /// pays once. Only the violations and the results axe leaves for review come back in full (the
    /// only ones read here); of the passes and the rules that did not apply axe keeps one element
    /// each, which spares it a selector for every element that passed and the run a third of its
    /// time (on the orders list: 364 ms against 494 ms in the browser, 140 KB of JSON against 347 KB).
    /// </summary>
    private static async Task<AxeResult> RunAxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            await page.EvaluateAsync($"() => {{ {AxeSource.Value}\n}}");
        }

        var json = await page.EvaluateAsync<string>("async () => JSON.stringify(await window.axe.run(document, { resultTypes: ['violations', 'incomplete'] }))");
        return new AxeResult(JObject.Parse(json));
    }

    private static string Describe(AxeResultItem violation)
    {
        var text = new StringBuilder($"[{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
        foreach (var node in violation.Nodes ?? [])
        {
            text.AppendLine().Append("    ").Append(node.Target).Append("  ").Append(node.Html);
            // axe's failure summary: any one of "Any" would fix it; every one of "All" and "None" must.
            var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
            foreach (var message in checks.Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)))
            {
                text.AppendLine().Append("      ").Append(message.ReplaceLineEndings(" "));
            }
        }

        return text.ToString();
    }
}
