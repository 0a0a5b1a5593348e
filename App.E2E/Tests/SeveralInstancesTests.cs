using System.Diagnostics;
using AdminPortal.TestSupport;

namespace AdminPortal.E2E.Tests;

/// <summary>
/// Two instances of the portal on one database with a real Redis between them (docs/contract.md
/// §11): a staff member's change on one shows on another staff member's open page on the other,
/// within a second, without reload.
/// </summary>
[TestClass]
public sealed class SeveralInstancesTests : BrowserTest
{
    private static readonly LocatorAssertionsToContainTextOptions WithinOneSecond = new() { Timeout = 1000 };

    [TestMethod]
    public async Task Paying_an_order_on_one_instance_shows_on_the_other_instances_open_page_within_a_second()
    {
        if (!Portal.IsInProcess)
        {
            Assert.Inconclusive("This journey starts two instances of its own; a deployed portal's instances are the operator's.");
        }

        // Where this journey's time goes, printed as it goes: what is left of "Ran … ms on its portal"
        // after the last line is the two instances stopping.
        var since = Stopwatch.StartNew();

        // Both instances on a copy of this test's fresh database, sharing changes through Redis.
        var database = Portal.CopyDatabase("instances.db");
        await using var redis = await RedisServer.StartAsync();
        await using var a = PortalHost.StartInstance(database, redis.ConnectionString);
        await using var b = PortalHost.StartInstance(database, redis.ConnectionString);
        TestContext.WriteLine($"Redis and both instances started after {since.ElapsedMilliseconds} ms");
        var onA = await OpenBrowserOnAsync(a);
        var onB = await OpenBrowserOnAsync(b);
        // Two people in two browsers: one need not wait for the other.
        await Task.WhenAll(SignInThroughFormAsync(onA, a.Admin), SignInThroughFormAsync(onB, b.Admin));
        var api = new PortalApi(a);
        var orderId = await api.CreateOrderAsync((await api.CreateUserAsync()).Id, 30.00m);
        var payer = new OrderDetailPage(onA);
        var watcher = new OrderDetailPage(onB);
        await Task.WhenAll(payer.GotoAsync(orderId), watcher.GotoAsync(orderId));
        await Expect(watcher.Status).ToContainTextAsync("Pending");
        await BothLiveAsync(a, b);
        TestContext.WriteLine($"Both signed in, on the order and live after {since.ElapsedMilliseconds} ms");

        await payer.PayAsync();
        await Expect(payer.Success).ToHaveTextAsync("The payment was taken; the order is now processing.");

        var clock = Stopwatch.StartNew();
        await Expect(watcher.Status).ToContainTextAsync("Processing", WithinOneSecond);
        TestContext.WriteLine($"The page on the other instance showed the payment after {clock.ElapsedMilliseconds} ms ({since.ElapsedMilliseconds} ms since the start)");
    }

    // Each instance counts itself live once its own heartbeat came back through Redis.
    private static Task BothLiveAsync(PortalHost a, PortalHost b) =>
        Eventually.UntilAsync(() => a.IsLive && b.IsLive, "both instances hear Redis", TimeSpan.FromSeconds(30));
}
