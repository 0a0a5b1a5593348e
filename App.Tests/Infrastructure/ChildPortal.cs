using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AdminPortal.TestSupport;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// The real app as a separate process (<c>dotnet App.dll</c> from the build output) on a free
/// loopback port over a given SQLite file, so a test can kill it as the operating system would.
/// </summary>
public sealed partial class ChildPortal : IAsyncDisposable
{
    // The same key on every start, as production sets it, so a token outlives a restart.
    public const string SigningKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ChildPortal(string databasePath, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "App.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["Seed__AdminEmail"] = PortalFactory.AdminEmail;
        start.Environment["Seed__AdminPassword"] = PortalFactory.AdminPassword;
        start.Environment["Auth__TokenSigningKey"] = SigningKey;
        start.Environment["Auth__SignInAttemptsPerMinute"] = "10000";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Read(e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The app exited before it listened:\n{Output}"));
    }

    public Uri BaseAddress => _listening.Task.Result;

    public string Output => string.Join('\n', _output);

    /// <summary>Starts the app and waits until it listens (migrations done, first Admin in place).</summary>
    /// <param name="settings">More configuration, by key (<c>PaymentGateway:Mode</c>), as environment variables.</param>
    public static async Task<ChildPortal> StartAsync(string databasePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var portal = new ChildPortal(databasePath, settings ?? new Dictionary<string, string>());
        portal._process.Start();
        portal._process.BeginOutputReadLine();
        portal._process.BeginErrorReadLine();
        // A generous deadline: a cold start on a loaded machine is slow, never wrong.
        await portal._listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return portal;
    }

    /// <summary>An API client with an Admin's bearer token.</summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        var token = await PortalTokens.RequestAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks in the app.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
