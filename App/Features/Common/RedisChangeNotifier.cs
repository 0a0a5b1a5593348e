using System.Globalization;
using StackExchange.Redis;

namespace AdminPortal.Features.Common;

/// <summary>
/// Change notifications shared by every instance on one database through a Redis pub/sub channel.
/// A change is delivered at once to this instance's pages and published for the others; what the
/// others publish is delivered here. Redis carries only "this record changed": losing it delays
/// other instances' pages (they re-query on a timer meanwhile), never loses or corrupts data.
/// </summary>
/// <remarks>
/// Liveness is proved end to end, not read off the socket: every couple of seconds the instance
/// publishes a heartbeat and counts itself live only while its own heartbeats come back through the
/// subscription. A dropped connection, a subscription the client failed to restore, or a server
/// that accepts publishes but delivers nothing all end liveness the same way, and a fresh
/// subscription is made until heartbeats return.
/// </remarks>
public sealed partial class RedisChangeNotifier(
    ChangeNotificationOptions options,
    InProcessChangeNotifier local,
    TimeProvider time,
    ILogger<RedisChangeNotifier> logger) : BackgroundService, IChangeNotifier
{
    private const string Heartbeat = "heartbeat";

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private ConnectionMultiplexer? _redis;
    private ChannelMessageQueue? _subscription;
    private DateTimeOffset _lastEcho = DateTimeOffset.MinValue;
    private bool _isLive;

    public bool IsLive => Volatile.Read(ref _isLive);

    public event Action? LiveChanged;

    public void Publish(ChangeEvent change)
    {
        local.Publish(change);
        var redis = _redis;
        if (redis is null || !redis.IsConnected)
        {
            // The other instances are re-querying on their own meanwhile.
            return;
        }

        try
        {
            redis.GetSubscriber().Publish(options.Channel, Encode(change), CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            LogPublishFailed(logger, e, change.Entity, change.Id);
        }
    }

    public IDisposable Subscribe(Func<ChangeEvent, Task> handler) => local.Subscribe(handler);

    public IDisposable SubscribeInline(Action<ChangeEvent> handler) => local.SubscribeInline(handler);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var beats = new PeriodicTimer(options.HeartbeatInterval, time);
        do
        {
            await BeatAsync();
            UpdateLiveness();
        }
        while (await beats.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_redis is { } redis)
        {
            // Nothing queued is worth waiting for: a change not yet published reaches the other
            // instances' pages by their timer. Waiting (the default) sends QUIT to every server
            // and, in StackExchange.Redis 3.4, can throw a NullReferenceException of its own when
            // a server's connection went meanwhile (its issue 2754); it failed this instance's
            // stop in one of eight runs of SeveralInstancesTests.
            await redis.CloseAsync(allowCommandsToComplete: false);
            await redis.DisposeAsync();
        }
    }

    private async Task BeatAsync()
    {
        try
        {
            _redis ??= await ConnectionMultiplexer.ConnectAsync(options.Redis);
            if (!_redis.IsConnected)
            {
                return;
            }

            // No echo for a while on a live connection: the subscription is gone or deaf; make a new one.
            if (_subscription is null || time.GetUtcNow() - _lastEcho > options.LivenessWindow)
            {
                await ResubscribeAsync(_redis);
            }

            await _redis.GetSubscriber().PublishAsync(options.Channel, $"{Heartbeat}|{_instance}");
        }
        catch (RedisException e)
        {
            LogRedisUnavailable(logger, e);
        }
        catch (TimeoutException e)
        {
            LogRedisUnavailable(logger, e);
        }
    }

    private async Task ResubscribeAsync(ConnectionMultiplexer redis)
    {
        if (_subscription is { } old)
        {
            _subscription = null;
            await old.UnsubscribeAsync();
        }

        var subscription = await redis.GetSubscriber().SubscribeAsync(options.Channel);
        subscription.OnMessage(Receive);
        _subscription = subscription;
    }

    private Task Receive(ChannelMessage message)
    {
        var text = (string?)message.Message ?? "";
        if (text.StartsWith(Heartbeat + "|", StringComparison.Ordinal))
        {
            if (text.AsSpan(Heartbeat.Length + 1).SequenceEqual(_instance))
            {
                lock (_gate)
                {
                    _lastEcho = time.GetUtcNow();
                }

                UpdateLiveness();
            }

            return Task.CompletedTask;
        }

        // This instance's own changes were delivered when they were published.
        if (Decode(text) is { } change && change.Origin != _instance)
        {
            local.Publish(change.Change);
        }

        return Task.CompletedTask;
    }

    private void UpdateLiveness()
    {
        bool live;
        lock (_gate)
        {
            live = _redis?.IsConnected == true && time.GetUtcNow() - _lastEcho <= options.LivenessWindow;
        }

        if (live != Volatile.Read(ref _isLive))
        {
            Volatile.Write(ref _isLive, live);
            if (live)
            {
                LogLive(logger);
            }
            else
            {
                LogDelayed(logger, options.LivenessWindow.TotalSeconds);
            }

            LiveChanged?.Invoke();
        }
    }

    private string Encode(ChangeEvent change) =>
        string.Create(CultureInfo.InvariantCulture, $"{change.Entity}|{change.Id}|{_instance}");

    private static (ChangeEvent Change, string Origin)? Decode(string text) =>
        text.Split('|') is [var entity, var id, var origin] &&
        Enum.TryParse<ChangedEntity>(entity, out var parsed) &&
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (new ChangeEvent(parsed, number), origin)
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Live updates across instances are on (Redis answers)")]
    private static partial void LogLive(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live updates across instances are delayed: no heartbeat came back through Redis for {Seconds} s; pages re-query on their own")]
    private static partial void LogDelayed(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis is unavailable")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A change of {Entity} {Id} was not published to the other instances")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, ChangedEntity entity, int id);
}
