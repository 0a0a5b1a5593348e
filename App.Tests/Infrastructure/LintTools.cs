using System.Diagnostics;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// The npm linters in <c>tools/lint</c> (versions pinned in its package.json and lock file),
/// installed with <c>npm ci</c> the first time a test needs them, and run as child processes with
/// nothing leaving the machine.
/// </summary>
public static class LintTools
{
    public static readonly string Folder = Path.Combine(Repository.Root, "tools", "lint");

    private static readonly string[] Commands = ["redocly", "spectral", "action-validator"];

    // One install for the run, whichever test needs it first.
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    /// <summary>Runs one of the linters; its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string tool, IEnumerable<string> arguments)
    {
        await Installed.Value;
        return await RunProcessAsync(Path.Combine(Folder, "node_modules", ".bin", tool), arguments);
    }

    private static async Task InstallAsync()
    {
        if (Commands.All(command => File.Exists(Path.Combine(Folder, "node_modules", ".bin", command))))
        {
            return;
        }

        var (exitCode, output, errors) = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"]);
        if (exitCode != 0)
        {
            Assert.Fail($"npm ci in {Folder} failed (exit code {exitCode}); Node.js and npm are needed for the linters:\n{output}\n{errors}");
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunProcessAsync(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No usage reports, no update checks.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await errors);
    }
}
