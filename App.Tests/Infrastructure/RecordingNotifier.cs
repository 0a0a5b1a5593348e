using System.Collections.Concurrent;
using AdminPortal.Features.Common;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>A change notifier that remembers what was published, delivers to subscribers at once, and can be told it is not live.</summary>
public sealed class RecordingNotifier : IChangeNotifier
{
    private readonly ConcurrentQueue<ChangeEvent> _published = new();
    private readonly List<Func<ChangeEvent, Task>> _subscribers = [];

    private bool _isLive = true;

    public IReadOnlyCollection<ChangeEvent> Published => _published;

    /// <summary>Set false to stand for a backplane that went away, true for its return.</summary>
    public bool IsLive
    {
        get => _isLive;
        set
        {
            _isLive = value;
            LiveChanged?.Invoke();
        }
    }

    public event Action? LiveChanged;

    public void Publish(ChangeEvent change)
    {
        _published.Enqueue(change);
        foreach (var subscriber in _subscribers.ToArray())
        {
            subscriber(change).GetAwaiter().GetResult();
        }
    }

    public IDisposable Subscribe(Func<ChangeEvent, Task> handler)
    {
        _subscribers.Add(handler);
        return new Unsubscriber(() => _subscribers.Remove(handler));
    }

    public IDisposable SubscribeInline(Action<ChangeEvent> handler) => Subscribe(change =>
    {
        handler(change);
        return Task.CompletedTask;
    });

    private sealed class Unsubscriber(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
