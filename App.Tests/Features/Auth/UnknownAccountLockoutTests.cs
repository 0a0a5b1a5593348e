using AdminPortal.Features.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Features.Auth;

[TestClass]
public sealed class UnknownAccountLockoutTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private UnknownAccountLockout Lockout() => new(Options.Create(new IdentityOptions
    {
        Lockout = { MaxFailedAccessAttempts = 5, DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5) },
    }), _time);

    [TestMethod]
    public void The_fifth_failure_locks_for_five_minutes_then_counting_starts_again()
    {
        var lockout = Lockout();

        var first = Enumerable.Range(0, 5).Select(_ => lockout.RecordFailure("ghost@example.com")).ToArray();
        _time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        var stillLocked = lockout.RecordFailure("ghost@example.com");
        _time.Advance(TimeSpan.FromSeconds(2));
        var afterwards = lockout.RecordFailure("ghost@example.com");

        CollectionAssert.AreEqual(
            new[] { SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.LockedOut },
            first);
        Assert.AreEqual(SignInOutcome.LockedOut, stillLocked);
        Assert.AreEqual(SignInOutcome.Failed, afterwards);
    }

    [TestMethod]
    public void Emails_are_counted_apart_and_regardless_of_case()
    {
        var lockout = Lockout();

        for (var i = 0; i < 4; i++)
        {
            lockout.RecordFailure("Ghost@Example.com");
        }

        Assert.AreEqual(SignInOutcome.Failed, lockout.RecordFailure("other@example.com"));
        Assert.AreEqual(SignInOutcome.LockedOut, lockout.RecordFailure(" ghost@example.com "));
    }
}
