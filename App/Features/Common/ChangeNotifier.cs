namespace AdminPortal.Features.Common;

public enum ChangedEntity
{
    User,
    Order,
}

/// <summary>"This record changed": published after the change is committed.</summary>
public sealed record ChangeEvent(ChangedEntity Entity, int Id);

/// <summary>
/// Tells open pages that data changed, so they re-query. Services publish after commit; pages
/// subscribe and reload from the database rather than trusting the message, so every view stays
/// consistent with what was committed. This implementation reaches the pages of this process; a
/// deployment with several instances swaps in one backed by a pub/sub backplane.
/// </summary>
public interface IChangeNotifier
{
    void Publish(ChangeEvent change);

    /// <summary>Calls <paramref name="handler"/> for every change until the subscription is disposed.</summary>
    IDisposable Subscribe(Func<ChangeEvent, Task> handler);
}

/// <summary>The single-instance notifier: an in-memory list of subscribers.</summary>
public sealed class InProcessChangeNotifier(ILogger<InProcessChangeNotifier> logger) : IChangeNotifier
{
    private readonly Lock _gate = new();
    private ImmutableSubscribers _subscribers = ImmutableSubscribers.Empty;

    public void Publish(ChangeEvent change)
    {
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

    private void Unsubscribe(Func<ChangeEvent, Task> handler)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(handler);
        }
    }

    private sealed class Subscription(InProcessChangeNotifier owner, Func<ChangeEvent, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }

    // Copy-on-write, so publishing never takes the lock.
    private sealed record ImmutableSubscribers(Func<ChangeEvent, Task>[] Handlers)
    {
        public static ImmutableSubscribers Empty { get; } = new([]);

        public ImmutableSubscribers Add(Func<ChangeEvent, Task> handler) => new([.. Handlers, handler]);

        public ImmutableSubscribers Remove(Func<ChangeEvent, Task> handler) => new(Handlers.Where(h => h != handler).ToArray());
    }
}
