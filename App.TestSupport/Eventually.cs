using System.Diagnostics;

namespace AdminPortal.Tests.SeveralInstances;

/// <summary>Waits on a state of the instances (a heartbeat heard, a change arrived) rather than on time.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    // Checked often; the deadline only turns a hang into a failure.
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > Patience)
            {
                Assert.Fail($"Not within {Patience.TotalSeconds} s: {what}.");
            }

            await Task.Delay(20);
        }
    }
}
