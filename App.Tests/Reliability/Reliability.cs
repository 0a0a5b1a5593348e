namespace AdminPortal.Tests.Reliability;

/// <summary>
/// The test category of the reliability tests (load, faults, hostile input, access):
/// <c>dotnet test --project App.Tests -- --filter "TestCategory=Reliability"</c>.
/// </summary>
internal static class Reliability
{
    public const string Category = "Reliability";

    /// <summary>
    /// Waits for a condition that another thread will make true; fails after a deadline that is far
    /// longer than the wait should ever take, so a loaded machine is never mistaken for a defect.
    /// </summary>
    public static async Task PollAsync(Func<bool> condition, string what, int deadlineSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(deadlineSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {deadlineSeconds} s for {what}.");
            }

            await Task.Delay(10);
        }
    }
}
