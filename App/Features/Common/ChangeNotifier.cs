namespace AdminPortal.Features.Common;

public enum ChangedEntity
{
    User,
    Order,

    /// <summary>A staff account changed (its id is not a number: always 0).</summary>
    Staff,

    /// <summary>A sign-in was tried (always 0): the audit trail has a new entry.</summary>
    SignIn,
}

/// <summary>"This record changed": published after the change is committed.</summary>
public sealed record ChangeEvent(ChangedEntity Entity, int Id)
{
    /// <summary>A staff account changed: its role, state, password, security stamp or two-factor set-up.</summary>
    public static readonly ChangeEvent StaffChanged = new(ChangedEntity.Staff, 0);
}

/// <summary>
/// Tells open pages that data changed, so they re-query. Services publish after commit; pages
/// subscribe and reload from the database rather than trusting the message, so every view stays
/// consistent with what was committed: a lost message delays a page, it never makes it wrong.
/// One instance uses <see cref="InProcessChangeNotifier"/>; several share changes through Redis
/// (<see cref="RedisChangeNotifier"/>).
/// </summary>
public interface IChangeNotifier
{
    /// <summary>
    /// False while changes made by other instances may not arrive (their backplane is unreachable):
    /// pages then re-query on their own, and say so.
    /// </summary>
    bool IsLive { get; }

    /// <summary>Raised when <see cref="IsLive"/> changes.</summary>
    event Action? LiveChanged;

    void Publish(ChangeEvent change);

    /// <summary>Calls <paramref name="handler"/> for every change until the subscription is disposed.</summary>
    IDisposable Subscribe(Func<ChangeEvent, Task> handler);

    /// <summary>
    /// Calls <paramref name="handler"/> for every change on the thread that delivers it, before
    /// <see cref="Publish"/> returns (a change of this instance) and before any
    /// <see cref="Subscribe"/> handler runs (a change of another instance): for a cheap in-memory
    /// reaction that must be done by the time the writer answers, such as evicting a cache. It must
    /// not block or throw.
    /// </summary>
    IDisposable SubscribeInline(Action<ChangeEvent> handler);
}

/// <summary>
/// The notifier of one process: an in-memory list of subscribers. Alone it is the single
/// instance's notifier, always live; behind <see cref="RedisChangeNotifier"/> it delivers to this
/// instance's pages what this instance and the others publish.
/// </summary>
public sealed class InProcessChangeNotifier(ILogger<InProcessChangeNotifier> logger) : IChangeNotifier
{
    public bool IsLive => true;

    // Nothing to raise: nothing outside this process is waited for.
    public event Action? LiveChanged
    {
        add { }
        remove { }
    }

    private readonly Lock _gate = new();
    private ImmutableSubscribers _subscribers = ImmutableSubscribers.Empty;
    private Action<ChangeEvent>[] _inline = [];

    public void Publish(ChangeEvent change)
    {
        foreach (var handler in Volatile.Read(ref _inline))
        {
            handler(change);
        }

        foreach (var handler in _subscribers.Handlers)
        {
            // Each page handles its notification on its own; a slow or failing page delays no one.
            _ = Task.Run(async () =>
            {
                try
                {
                    await handler(change);
                }
#pragma warning disable CA1031 // A subscriber's failure must not reach the writer that published.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    logger.LogWarning(e, "A change subscriber failed for {Entity} {Id}", change.Entity, change.Id);
                }
            });
        }
    }

    public IDisposable Subscribe(Func<ChangeEvent, Task> handler)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    public IDisposable SubscribeInline(Action<ChangeEvent> handler)
    {
        lock (_gate)
        {
            _inline = [.. _inline, handler];
        }

        return new InlineSubscription(this, handler);
    }

    private void Unsubscribe(Func<ChangeEvent, Task> handler)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(handler);
        }
    }

    private void UnsubscribeInline(Action<ChangeEvent> handler)
    {
        lock (_gate)
        {
            _inline = _inline.Where(h => h != handler).ToArray();
        }
    }

    private sealed class Subscription(InProcessChangeNotifier owner, Func<ChangeEvent, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }

    private sealed class InlineSubscription(InProcessChangeNotifier owner, Action<ChangeEvent> handler) : IDisposable
    {
        public void Dispose() => owner.UnsubscribeInline(handler);
    }

    // Copy-on-write, so publishing never takes the lock.
    private sealed record ImmutableSubscribers(Func<ChangeEvent, Task>[] Handlers)
    {
        public static ImmutableSubscribers Empty { get; } = new([]);

        public ImmutableSubscribers Add(Func<ChangeEvent, Task> handler) => new([.. Handlers, handler]);

        public ImmutableSubscribers Remove(Func<ChangeEvent, Task> handler) => new(Handlers.Where(h => h != handler).ToArray());
    }
}
