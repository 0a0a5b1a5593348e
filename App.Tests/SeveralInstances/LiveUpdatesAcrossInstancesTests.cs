using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.SeveralInstances;

/// <summary>
/// Two instances of the portal on one database and a real Redis: a change made through one
/// reaches the pages of the other, and losing Redis delays pages without failing anything.
/// </summary>
[TestClass]
public sealed class LiveUpdatesAcrossInstancesTests
{
    [TestMethod]
    public async Task A_change_made_on_one_instance_reaches_the_other_instances_pages()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = Instance(redis);
        await using var b = Instance(redis, sharing: a);
        using var api = await LiveAsync(a, b);
        var arrived = new ConcurrentDictionary<int, long>();
        using var page = Notifier(b).Subscribe(change =>
        {
            if (change.Entity == ChangedEntity.User)
            {
                arrived.TryAdd(change.Id, Stopwatch.GetTimestamp());
            }

            return Task.CompletedTask;
        });

        var delays = new List<TimeSpan>();
        for (var n = 0; n < 20; n++)
        {
            var sent = Stopwatch.GetTimestamp();
            var user = await api.CreateUserAsync($"User {n}", $"user{n}@example.com");
            await Eventually.UntilAsync(() => arrived.ContainsKey(user.Id), $"user {user.Id} made on A is announced on B");
            delays.Add(Stopwatch.GetElapsedTime(sent, arrived[user.Id]));
        }

        delays.Sort();
        Console.WriteLine($"Change on A seen on B over {delays.Count} changes: median {delays[delays.Count / 2].TotalMilliseconds:F1} ms, max {delays[^1].TotalMilliseconds:F1} ms");
        Assert.HasCount(20, arrived, "every user made on A was announced on B");
    }

    [TestMethod]
    public async Task With_redis_down_writes_work_pages_fall_back_and_everything_is_live_again_once_it_returns()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = Instance(redis);
        await using var b = Instance(redis, sharing: a);
        using var api = await LiveAsync(a, b);

        await redis.StopAsync();
        var outage = Stopwatch.StartNew();
        var written = await api.CreateUserAsync("Written during the outage", "outage@example.com");
        await Eventually.UntilAsync(() => !Notifier(b).IsLive, "B notices that live updates are delayed");
        var noticed = outage.Elapsed;
        var health = await HealthAsync(b);
        var list = await api.GetAsync("/api/users");

        await redis.StartAgainAsync();
        var recovery = Stopwatch.StartNew();
        await Eventually.UntilAsync(() => Notifier(a).IsLive && Notifier(b).IsLive, "both instances are live again");
        var back = recovery.Elapsed;
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var page = Notifier(b).Subscribe(change =>
        {
            if (change.Entity == ChangedEntity.User)
            {
                arrived.TrySetResult();
            }

            return Task.CompletedTask;
        });
        await api.CreateUserAsync("Written after the outage", "after@example.com");
        await arrived.Task.WaitAsync(Eventually.Patience);

        Console.WriteLine($"Redis stopped: B said live updates were delayed after {noticed.TotalSeconds:F1} s; Redis back: both live after {back.TotalSeconds:F1} s");
        Assert.AreEqual(HttpStatusCode.Created, written.Status, "writes do not need Redis");
        Assert.AreEqual(1, list.Is(HttpStatusCode.OK).Body.GetProperty("totalCount").GetInt32(), "reads do not need Redis");
        Assert.AreEqual((HttpStatusCode.OK, "Degraded", "Healthy", "Degraded"), health, "/health: degraded, not failed; the database entry stays healthy");
    }

    /// <summary>Starts both instances and waits until each hears its own heartbeat; the client is an Admin's on A.</summary>
    private static async Task<ApiClient> LiveAsync(PortalFactory a, PortalFactory b)
    {
        var api = await ApiClient.AdminAsync(a);
        await Eventually.UntilAsync(() => Notifier(a).IsLive && Notifier(b).IsLive, "both instances hear their own heartbeat");
        return api;
    }

    private static PortalFactory Instance(RedisServer redis, PortalFactory? sharing = null)
    {
        var instance = new PortalFactory().With("ConnectionStrings:Redis", redis.ConnectionString);
        return sharing is null ? instance : instance.With("ConnectionStrings:Default", $"Data Source={sharing.DatabasePath}");
    }

    private static IChangeNotifier Notifier(PortalFactory instance) => instance.Services.GetRequiredService<IChangeNotifier>();

    private static async Task<(HttpStatusCode Status, string? Overall, string? Database, string? LiveUpdates)> HealthAsync(PortalFactory instance)
    {
        using var client = instance.CreateRawClient();
        using var response = await client.GetAsync(DatabaseHealthExtensions.Path);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entries = body.RootElement.GetProperty("entries");
        return (response.StatusCode, body.RootElement.GetProperty("status").GetString(),
            entries.GetProperty("database").GetProperty("status").GetString(),
            entries.GetProperty(ChangeNotifications.HealthEntry).GetProperty("status").GetString());
    }
}
