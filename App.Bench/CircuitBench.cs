using System.Globalization;
using Microsoft.Playwright;

namespace AdminPortal.Bench;

/// <summary>
/// Memory per signed-in Blazor circuit idling on /orders, beside the same figure for the template's
/// counter page on the bench's own minimal Blazor host (App.Bench.BlankHost), measured the same way
/// in the same run: the ratio is the figure to watch on a shared machine.
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
        var blankUrl = args.Get("blank-url").TrimEnd('/');
        var blankPid = int.Parse(args.Get("blank-pid"), CultureInfo.InvariantCulture);
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

        var orders = await MeasureAsync(browser, url, pid, pages, work, "circuits", OpenOrdersAsync,
            page => SignInAsync(page, args.Get("email"), args.Get("password")));
        var blank = await MeasureAsync(browser, blankUrl, blankPid, pages, work, "blank-circuits", OpenCounterAsync, _ => Task.CompletedTask);

        var ratio = orders.PerCircuit / blank.PerCircuit;
        results.Add($"Blazor circuit on /orders, managed heap per circuit ({pages} circuits + 1, {orders.Attached} attached; live heap after forced full GC, dotnet-gcdump)",
            Results.Kb(orders.PerCircuit), "≤ 200 KB", orders.PerCircuit <= 200 * 1024 && orders.Attached == pages);
        results.Add($"Blank template page (the bench's minimal Blazor host, /counter), managed heap per circuit ({pages} circuits + 1, {blank.Attached} attached)",
            Results.Kb(blank.PerCircuit), "peer", null);
        results.Add("Blazor circuit on /orders ÷ blank template circuit (same run)",
            ratio.ToString("F2", CultureInfo.InvariantCulture) + "×", "info", null);
        results.Add("Blazor circuit on /orders, process private bytes per circuit (/proc smaps_rollup; includes GC free space)",
            Results.Kb(orders.PrivatePerCircuit), "≤ 400 KB (managed figure above is the one judged)", null);
        return 0;
    }

    private sealed record CircuitFigure(double PerCircuit, double PrivatePerCircuit, int Attached);

    /// <summary>
    /// One browser context opens a first page (so the server is warm and the baseline already holds
    /// one circuit), then N more pages, each its own circuit; server memory before and after, ÷ N.
    /// </summary>
    private static async Task<CircuitFigure> MeasureAsync(
        IBrowser browser, string url, int pid, int pages, string work, string name, Func<IPage, Task> open, Func<IPage, Task> signIn)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url });
        context.SetDefaultTimeout(120_000);

        var first = await context.NewPageAsync();
        await signIn(first);
        await open(first);

        await Task.Delay(2000);
        var before = await ServerMemory.ReadAsync(pid, work, $"{name}-heap-before.txt");
        Console.WriteLine($"  {name} before: live heap {Results.Mb(before.LiveHeapBytes)}, private {Results.Mb(before.PrivateBytes)}");

        var opened = new List<IPage>();
        // A few at a time: 50 pages loading at once on two shared cores only measures the queue.
        foreach (var batch in Enumerable.Range(0, pages).Chunk(5))
        {
            var batchPages = await Task.WhenAll(batch.Select(_ => context.NewPageAsync()));
            await Task.WhenAll(batchPages.Select(open));
            opened.AddRange(batchPages);
        }

        // Idle: let the circuits settle (render batches acknowledged, buffers returned).
        await Task.Delay(5000);
        var after = await ServerMemory.ReadAsync(pid, work, $"{name}-heap-after.txt");
        Console.WriteLine($"  {name} after {pages} more circuits: live heap {Results.Mb(after.LiveHeapBytes)}, private {Results.Mb(after.PrivateBytes)}");

        // Every page still attached: the figure is for live circuits, not for ones that dropped.
        var attached = 0;
        foreach (var page in opened)
        {
            attached += await page.Locator("[data-interactive='true']").CountAsync() > 0 ? 1 : 0;
        }

        return new CircuitFigure(
            (after.LiveHeapBytes - before.LiveHeapBytes) / (double)pages,
            (after.PrivateBytes - before.PrivateBytes) / (double)pages,
            attached);
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // Signed in once the layout names the member (as App.E2E waits): the form may be posted by
        // Blazor's enhanced navigation, which fires no load event to wait for.
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(email, new() { Timeout = 120_000 });
    }

    private static async Task OpenOrdersAsync(IPage page)
    {
        await page.GotoAsync("/orders");
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByRole(AriaRole.Heading, new() { Name = "Orders", Level = 1 }).WaitForAsync();
    }

    private static async Task OpenCounterAsync(IPage page)
    {
        await page.GotoAsync("/counter");
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
