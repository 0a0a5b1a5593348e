using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace AdminPortal.Features.Common;

/// <summary>How this instance hears of changes made by the others (<c>ConnectionStrings:Redis</c>).</summary>
public sealed class ChangeNotificationOptions
{
    public required ConfigurationOptions Redis { get; init; }

    /// <summary>The pub/sub channel; a <c>channelPrefix=</c> in the connection string keeps portals on one Redis apart.</summary>
    public RedisChannel Channel { get; init; } = RedisChannel.Literal("admin-portal:changes");

    /// <summary>How often the instance checks that its own messages come back.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long without an echo before live updates count as delayed.</summary>
    public TimeSpan LivenessWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The connection as the notifier needs it, whatever the connection string says of these: the
    /// app starts and serves while Redis is down, a publish fails at once instead of queueing while
    /// disconnected, and a lost connection is retried every second.
    /// </summary>
    public static ChangeNotificationOptions FromConnectionString(string connectionString)
    {
        var redis = ConfigurationOptions.Parse(connectionString);
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.ReconnectRetryPolicy = new LinearRetry(1000);
        redis.ConnectTimeout = Math.Min(redis.ConnectTimeout, 2000);
        redis.ClientName ??= "admin-portal";
        return new ChangeNotificationOptions { Redis = redis };
    }
}

public static class ChangeNotifications
{
    public const string HealthEntry = "live-updates";

    /// <summary>
    /// One instance: the in-process notifier. With <c>ConnectionStrings:Redis</c> set, the Redis one,
    /// with its liveness in <c>/health</c> as an entry of its own that is at worst Degraded: losing
    /// Redis delays pages, it never stops the portal. Safe to call from every feature.
    /// </summary>
    public static IHostApplicationBuilder AddChangeNotifications(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(s => s.ServiceType == typeof(InProcessChangeNotifier)))
        {
            return builder;
        }

        services.AddSingleton<InProcessChangeNotifier>();
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<IChangeNotifier>(sp => sp.GetRequiredService<InProcessChangeNotifier>());
            return builder;
        }

        services.AddSingleton(ChangeNotificationOptions.FromConnectionString(redis));
        services.AddSingleton<RedisChangeNotifier>();
        services.TryAddSingleton<IChangeNotifier>(sp => sp.GetRequiredService<RedisChangeNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisChangeNotifier>());
        services.AddHealthChecks().AddCheck<LiveUpdatesHealthCheck>(HealthEntry, HealthStatus.Degraded);
        return builder;
    }

    private sealed class LiveUpdatesHealthCheck(IChangeNotifier changes) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(changes.IsLive
                ? HealthCheckResult.Healthy("Changes reach every instance through Redis.")
                : HealthCheckResult.Degraded("Redis does not answer: pages on other instances see changes only when they re-query (every 5 s)."));
    }
}
