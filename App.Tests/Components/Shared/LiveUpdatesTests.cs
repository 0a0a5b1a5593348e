using AdminPortal.Components.Shared;
using AdminPortal.Features.Common;
using AdminPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Components.Shared;

[TestClass]
public sealed class LiveUpdatesTests : BunitContext
{
    private readonly RecordingNotifier _changes = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private int _reloads;

    [TestInitialize]
    public void Register()
    {
        Services.AddSingleton<IChangeNotifier>(_changes);
        Services.AddSingleton<TimeProvider>(_time);
    }

    [TestMethod]
    public void A_matching_change_reloads_the_page_and_another_does_not()
    {
        Render(c => c.Add(p => p.When, change => change.Entity == ChangedEntity.Order && change.Id == 7).Add(p => p.OnChange, () => _reloads++));

        _changes.Publish(new ChangeEvent(ChangedEntity.Order, 7));
        _changes.Publish(new ChangeEvent(ChangedEntity.Order, 8));
        _changes.Publish(new ChangeEvent(ChangedEntity.User, 7));

        Assert.AreEqual(1, _reloads);
    }

    [TestMethod]
    public void While_live_it_shows_nothing_and_never_reloads_on_a_timer()
    {
        var cut = Render(c => c.Add(p => p.OnChange, () => _reloads++));

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.IsEmpty(cut.FindAll("[role=status]"));
        Assert.AreEqual(0, _reloads);
    }

    [TestMethod]
    public void When_live_updates_stop_it_says_so_and_reloads_every_five_seconds()
    {
        var cut = Render(c => c.Add(p => p.OnChange, () => _reloads++));

        _changes.IsLive = false;
        _time.Advance(TimeSpan.FromSeconds(4.9));
        var beforeFirst = _reloads;
        _time.Advance(TimeSpan.FromSeconds(0.1));
        _time.Advance(TimeSpan.FromSeconds(5));

        cut.WaitForAssertion(() => Assert.AreEqual(2, _reloads));
        Assert.AreEqual(0, beforeFirst, "no sooner than five seconds");
        StringAssert.Contains(cut.Find("[role=status]").TextContent, "Live updates are delayed");
    }

    [TestMethod]
    public void When_live_updates_return_it_reloads_once_stops_the_timer_and_the_message_goes()
    {
        var cut = Render(c => c.Add(p => p.OnChange, () => _reloads++));
        _changes.IsLive = false;
        cut.WaitForElement("[role=status]");

        _changes.IsLive = true;
        cut.WaitForAssertion(() => Assert.AreEqual(1, _reloads, "what changed meanwhile is read at once"));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.AreEqual(1, _reloads, "the timer stopped");
        Assert.IsEmpty(cut.FindAll("[role=status]"));
    }

    private IRenderedComponent<LiveUpdates> Render(Action<ComponentParameterCollectionBuilder<LiveUpdates>> parameters) =>
        Render<LiveUpdates>(parameters);
}
