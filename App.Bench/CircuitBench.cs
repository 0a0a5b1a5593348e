using System.Globalization;
using Microsoft.Playwright;

namespace AdminPortal.Bench;

/// <summary>
/// Memory per signed-in Blazor circuit idling on /orders. One browser context signs in through the
/// real sign-in form and opens a first /orders page (so the server is warm and the baseline already
/// holds one circuit); then N more pages of that context open /orders, each its own circuit, and
/// wait for the page's interactive marker. Server memory before and after, divided by N.
/// </summary>
public static class CircuitBench
{
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var url = args.Get("url").TrimEnd('/');
        var pid = int.Parse(args.Get("pid"), CultureInfo.InvariantCulture);
        var pages = args.GetInt("pages", 50);
        var work = args.Get("work");
        var results = new Results(args.Get("results"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PLAYWRIGHT_EXECUTABLE_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium",
            Headless = true,
            Args = LaunchArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url });
        context.SetDefaultTimeout(120_000);

        var first = await context.NewPageAsync();
        await first.GotoAsync("/account/sign-in");
        await first.GetByLabel("Email", new() { Exact = true }).FillAsync(args.Get("email"));
        await first.GetByLabel("Password", new() { Exact = true }).FillAsync(args.Get("password"));
        await first.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // Signed in once the layout names the member (as App.E2E waits): the form may be posted by
        // Blazor's enhanced navigation, which fires no load event to wait for.
        await Assertions.Expect(first.GetByTestId("signed-in-as")).ToHaveTextAsync(args.Get("email"), new() { Timeout = 120_000 });
        await OpenOrdersAsync(first);

        await Task.Delay(2000);
        var before = await ServerMemory.ReadAsync(pid, work, "circuits-heap-before.txt");
        Console.WriteLine($"  before: live heap {Results.Mb(before.LiveHeapBytes)}, private {Results.Mb(before.PrivateBytes)}");

        var opened = new List<IPage>();
        // A few at a time: 50 pages loading at once on two shared cores only measures the queue.
        foreach (var batch in Enumerable.Range(0, pages).Chunk(5))
        {
            var batchPages = await Task.WhenAll(batch.Select(_ => context.NewPageAsync()));
            await Task.WhenAll(batchPages.Select(OpenOrdersAsync));
            opened.AddRange(batchPages);
        }

        // Idle: let the circuits settle (render batches acknowledged, buffers returned).
        await Task.Delay(5000);
        var after = await ServerMemory.ReadAsync(pid, work, "circuits-heap-after.txt");
        Console.WriteLine($"  after {pages} more circuits: live heap {Results.Mb(after.LiveHeapBytes)}, private {Results.Mb(after.PrivateBytes)}");

        // Every page still attached: the figure is for live circuits, not for ones that dropped.
        var attached = 0;
        foreach (var page in opened)
        {
            attached += await page.Locator("[data-interactive='true']").CountAsync() > 0 ? 1 : 0;
        }

        var perCircuit = (after.LiveHeapBytes - before.LiveHeapBytes) / (double)pages;
        var privatePerCircuit = (after.PrivateBytes - before.PrivateBytes) / (double)pages;
        results.Add($"Blazor circuit on /orders, managed heap per circuit ({pages} circuits + 1, {attached} attached; live heap after forced full GC, dotnet-gcdump)",
            Results.Kb(perCircuit), "≤ 400 KB", perCircuit <= 400 * 1024 && attached == pages);
        results.Add("Blazor circuit on /orders, process private bytes per circuit (/proc smaps_rollup; includes GC free space)",
            Results.Kb(privatePerCircuit), "≤ 400 KB (managed figure above is the one judged)", null);
        return 0;
    }

    private static async Task OpenOrdersAsync(IPage page)
    {
        await page.GotoAsync("/orders");
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByRole(AriaRole.Heading, new() { Name = "Orders", Level = 1 }).WaitForAsync();
    }
}
