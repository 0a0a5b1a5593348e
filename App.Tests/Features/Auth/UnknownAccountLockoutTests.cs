using AdminPortal.Features.Auth;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Features.Auth;

/// <summary>The lock-out of emails without an account, counted in a real database.</summary>
[TestClass]
public sealed class UnknownAccountLockoutTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    [TestInitialize]
    public async Task CreateDatabase() => _database = await TestDatabase.CreateAsync();

    [TestCleanup]
    public async Task DropDatabase() => await _database.DisposeAsync();

    // One per instance of the portal: each counts into the same database.
    private UnknownAccountLockout Lockout() => new(_database, Options.Create(new IdentityOptions
    {
        Lockout = { MaxFailedAccessAttempts = 5, DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5) },
    }), _time);

    [TestMethod]
    public async Task The_fifth_failure_locks_for_five_minutes_then_counting_starts_again()
    {
        var lockout = Lockout();

        var first = new List<SignInOutcome>();
        for (var i = 0; i < 5; i++)
        {
            first.Add(await lockout.RecordFailureAsync("ghost@example.com"));
        }

        _time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        var stillLocked = await lockout.RecordFailureAsync("ghost@example.com");
        _time.Advance(TimeSpan.FromSeconds(2));
        var afterwards = await lockout.RecordFailureAsync("ghost@example.com");

        CollectionAssert.AreEqual(
            new[] { SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.LockedOut },
            first);
        Assert.AreEqual(SignInOutcome.LockedOut, stillLocked);
        Assert.AreEqual(SignInOutcome.Failed, afterwards);
    }

    [TestMethod]
    public async Task Emails_are_counted_apart_and_regardless_of_case()
    {
        var lockout = Lockout();

        for (var i = 0; i < 4; i++)
        {
            await lockout.RecordFailureAsync("Ghost@Example.com");
        }

        Assert.AreEqual(SignInOutcome.Failed, await lockout.RecordFailureAsync("other@example.com"));
        Assert.AreEqual(SignInOutcome.LockedOut, await lockout.RecordFailureAsync(" ghost@example.com "));
    }

    [TestMethod]
    public async Task Failures_on_two_instances_count_together_even_at_the_same_moment()
    {
        var a = Lockout();
        var b = Lockout();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => (i % 2 == 0 ? a : b).RecordFailureAsync("ghost@example.com")));
        var next = await b.RecordFailureAsync("ghost@example.com");

        Assert.AreEqual(1, outcomes.Count(o => o == SignInOutcome.LockedOut), string.Join(", ", outcomes));
        Assert.AreEqual(SignInOutcome.LockedOut, next);
    }

    [TestMethod]
    public async Task Emails_nobody_tried_for_a_day_are_forgotten()
    {
        var lockout = Lockout();
        await lockout.RecordFailureAsync("old@example.com");
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await lockout.RecordFailureAsync("new@example.com");

        await using var db = _database.CreateDbContext();
        CollectionAssert.AreEqual(new[] { "NEW@EXAMPLE.COM" }, db.UnknownAccountFailures.Select(f => f.Email).ToArray());
    }
}
