using System.Diagnostics;

namespace AdminPortal.TestSupport;

/// <summary>Waits on a state of the instances (a heartbeat heard, a change arrived) rather than on time.</summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Checks <paramref name="condition"/> often until it holds; the deadline (<see cref="Patience"/>
    /// unless given) only turns a hang into a failure naming <paramref name="what"/>.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? patience = null)
    {
        var limit = patience ?? Patience;
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Not within {limit.TotalSeconds} s: {what}.");
            }

            await Task.Delay(20);
        }
    }
}
