using System.Net;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Common;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Features.Auth;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.SeveralInstances;

/// <summary>
/// Each instance keeps what a token is checked against (<see cref="StaffAccessCache"/>): a member
/// disabled on one instance is refused at once there and, as soon as the change arrives, on the
/// others; with the notifications down, within <see cref="StaffAccessCache.Lifetime"/>.
/// </summary>
[TestClass]
public sealed class StaffAccessAcrossInstancesTests
{
    [TestMethod]
    public async Task A_member_disabled_on_one_instance_is_refused_at_once_there_and_on_the_other()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = new PortalFactory().With("ConnectionStrings:Redis", redis.ConnectionString);
        await using var b = new PortalFactory().With("ConnectionStrings:Redis", redis.ConnectionString)
            .With("ConnectionStrings:Default", $"Data Source={a.DatabasePath}");
        var email = await a.CreateStaffAsync(StaffRoles.Admin);
        using var onA = await a.CreateApiClientAsync(email, PortalFactory.StaffPassword);
        using var onB = await b.CreateApiClientAsync(email, PortalFactory.StaffPassword);
        await Eventually.UntilAsync(() => Notifier(a).IsLive && Notifier(b).IsLive, "both instances hear their own heartbeat");
        // Both instances now hold the member as enabled.
        var before = (await StatusAsync(onA), await StatusAsync(onB));
        var arrivedOnB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = Notifier(b).Subscribe(change =>
        {
            if (change.Entity == ChangedEntity.Staff)
            {
                arrivedOnB.TrySetResult();
            }

            return Task.CompletedTask;
        });

        await SignInTests.Disable(a, email);
        var onAAtOnce = await StatusAsync(onA);
        // Inline handlers (the cache's eviction) run before any page hears of the change.
        await arrivedOnB.Task.WaitAsync(Eventually.Patience);
        var onBOnceArrived = await StatusAsync(onB);

        Assert.AreEqual((HttpStatusCode.OK, HttpStatusCode.OK), before);
        Assert.AreEqual(HttpStatusCode.Unauthorized, onAAtOnce, "refused on the instance that disabled the member");
        Assert.AreEqual(HttpStatusCode.Unauthorized, onBOnceArrived, "refused on the other instance as the change arrives");
    }

    [TestMethod]
    public async Task With_the_notifications_down_a_member_disabled_elsewhere_is_refused_once_the_cached_check_expires()
    {
        // Redis is gone before either instance starts: neither hears the other.
        var redis = await RedisServer.StartAsync();
        await redis.StopAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = new PortalFactory().With("ConnectionStrings:Redis", redis.ConnectionString);
        await using var b = new PortalFactory { Time = time }.With("ConnectionStrings:Redis", redis.ConnectionString)
            .With("ConnectionStrings:Default", $"Data Source={a.DatabasePath}");
        var email = await a.CreateStaffAsync(StaffRoles.Admin);
        using var onB = await b.CreateApiClientAsync(email, PortalFactory.StaffPassword);
        var before = await StatusAsync(onB);

        await SignInTests.Disable(a, email);
        var withinLifetime = await StatusAsync(onB);
        time.Advance(StaffAccessCache.Lifetime);
        var afterLifetime = await StatusAsync(onB);

        Assert.IsFalse(Notifier(b).IsLive, "B hears no other instance");
        Assert.AreEqual(HttpStatusCode.OK, before);
        Assert.AreEqual(HttpStatusCode.OK, withinLifetime, "B trusts what it read for up to the cache's lifetime: the trade-off");
        Assert.AreEqual(HttpStatusCode.Unauthorized, afterLifetime, "and no longer");
    }

    private static IChangeNotifier Notifier(PortalFactory instance) => instance.Services.GetRequiredService<IChangeNotifier>();

    private static async Task<HttpStatusCode> StatusAsync(HttpClient api)
    {
        using var response = await api.GetAsync("/api/orders");
        return response.StatusCode;
    }
}
