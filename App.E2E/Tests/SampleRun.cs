using System.Diagnostics;

namespace AdminPortal.E2E.Tests;

/// <summary>
/// A separate run of this test assembly over <see cref="ReportSampleTests"/> only, with its own
/// output folder, report and browser: what a failing run leaves. It drives a portal this run
/// already serves, as a configured <c>baseUrl</c> (its tests only read the sign-in page), so that
/// it starts, migrates and seeds no portal of its own.
/// </summary>
public sealed record SampleRun(string OutputDir, string Report, int ExitCode, string Output)
{
    public const string Variable = "E2E_REPORT_SAMPLE";

    /// <summary>Microsoft.Testing.Platform's exit code for "at least one test failed".</summary>
    public const int SomeTestFailed = 2;

    /// <summary>The run should take well under a minute; a hung child must not hang the suite.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task<SampleRun> StartAsync(Uri portal)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-e2e", $"report-sample-{Guid.NewGuid():N}");
        var outputDir = Path.Combine(folder, "playwright-output");
        var report = Path.Combine(outputDir, "report", "index.html");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     typeof(SampleRun).Assembly.Location,
                     "--filter", $"FullyQualifiedName~{typeof(ReportSampleTests).FullName}",
                     "--results-directory", Path.Combine(folder, "TestResults"),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        // The parent's test platform must not steer the child (dotnet test talks to it over a pipe).
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("TESTINGPLATFORM_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment[Variable] = "1";
        start.Environment[E2EConfig.EnvironmentVariableFor("baseUrl")] = portal.ToString();
        start.Environment[E2EConfig.EnvironmentVariableFor("outputDir")] = outputDir;
        start.Environment[E2EConfig.EnvironmentVariableFor("report")] = report;
        start.Environment[E2EConfig.EnvironmentVariableFor("workers")] = "1";
        start.Environment[E2EConfig.EnvironmentVariableFor("trace")] = "retain-on-failure";
        start.Environment[E2EConfig.EnvironmentVariableFor("screenshot")] = "retain-on-failure";
        start.Environment[E2EConfig.EnvironmentVariableFor("video")] = "off";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the sample run.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The sample run did not end within {Limit}:\n{await stdout}\n{await stderr}");
        }

        return new SampleRun(outputDir, report, process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    /// <summary>The folder the run kept a test's artifacts in, as <see cref="BrowserTest"/> names it.</summary>
    public string ArtifactFolder(string testName) => Path.Combine(OutputDir, $"{nameof(ReportSampleTests)}.{testName}");

    public void Delete() => Directory.Delete(Path.GetDirectoryName(OutputDir)!, recursive: true);
}
