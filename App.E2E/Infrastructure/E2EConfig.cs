using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace AdminPortal.E2E.Infrastructure;

public enum BrowserKind
{
    Chromium,
    Firefox,
    Webkit,
}

/// <summary>When a trace, screenshot or video of a test is kept.</summary>
public enum ArtifactMode
{
    Off,
    On,
    RetainOnFailure,
}

/// <summary>
/// The end-to-end settings of docs/contract.md §10: <c>playwright.config.json</c>, then environment variables.
/// Each key has one variable, <c>PLAYWRIGHT_</c> plus the key in upper case with an underscore
/// between words: <c>PLAYWRIGHT_BASE_URL</c>, <c>PLAYWRIGHT_BROWSER</c>, <c>PLAYWRIGHT_EXECUTABLE_PATH</c>,
/// <c>PLAYWRIGHT_HEADLESS</c>, <c>PLAYWRIGHT_SLOW_MO_MS</c>, <c>PLAYWRIGHT_TIMEOUT_MS</c>,
/// <c>PLAYWRIGHT_EXPECT_TIMEOUT_MS</c>, <c>PLAYWRIGHT_WORKERS</c>, <c>PLAYWRIGHT_TRACE</c>,
/// <c>PLAYWRIGHT_SCREENSHOT</c>, <c>PLAYWRIGHT_VIDEO</c>, <c>PLAYWRIGHT_OUTPUT_DIR</c>,
/// <c>PLAYWRIGHT_REPORT</c>, <c>PLAYWRIGHT_LAUNCH_ARGS</c> (arguments separated by white space: Chromium flags such as
/// <c>--disable-features=A,B</c> contain commas). An empty variable clears an optional value
/// (<c>PLAYWRIGHT_BASE_URL=</c> starts the app in-process again).
/// Other <c>PLAYWRIGHT_*</c> variables are left alone: Playwright itself reads some
/// (<c>PLAYWRIGHT_BROWSERS_PATH</c>, …).
/// </summary>
/// <param name="OutputDir">Absolute; a relative <c>outputDir</c> is relative to the repository root.</param>
/// <param name="Report">The HTML report of the run (<see cref="E2EReport"/>); absolute, a relative <c>report</c> relative to the repository root too.</param>
public sealed record E2EConfig(
    Uri? BaseUrl,
    BrowserKind Browser,
    string? ExecutablePath,
    bool Headless,
    int SlowMoMs,
    int TimeoutMs,
    int ExpectTimeoutMs,
    int Workers,
    ArtifactMode Trace,
    ArtifactMode Screenshot,
    ArtifactMode Video,
    string OutputDir,
    string Report,
    IReadOnlyList<string> LaunchArgs)
{
    public const string FileName = "playwright.config.json";
    public const string EnvironmentPrefix = "PLAYWRIGHT_";

    private static readonly Lazy<E2EConfig> LazyCurrent = new(() => Load(AppContext.BaseDirectory, Environment.GetEnvironmentVariables()));

    /// <summary>Loaded once per run: every test sees the same settings.</summary>
    public static E2EConfig Current => LazyCurrent.Value;

    private static readonly Dictionary<string, BrowserKind> BrowserNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["chromium"] = BrowserKind.Chromium,
        ["firefox"] = BrowserKind.Firefox,
        ["webkit"] = BrowserKind.Webkit,
    };

    private static readonly Dictionary<string, ArtifactMode> ModeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["off"] = ArtifactMode.Off,
        ["on"] = ArtifactMode.On,
        ["retain-on-failure"] = ArtifactMode.RetainOnFailure,
    };

    // The schema: the keys of docs/contract.md §10, each with its parser. A key not listed here is an error.
    private static readonly (string Key, Func<E2EConfig, Setting, E2EConfig> Apply)[] Keys =
    [
        ("baseUrl", (c, s) => c with { BaseUrl = s.HttpUrlOrNull() }),
        ("browser", (c, s) => c with { Browser = s.OneOf(BrowserNames) }),
        ("executablePath", (c, s) => c with { ExecutablePath = s.TextOrNull() }),
        ("headless", (c, s) => c with { Headless = s.Bool() }),
        ("slowMoMs", (c, s) => c with { SlowMoMs = s.Int(min: 0) }),
        ("timeoutMs", (c, s) => c with { TimeoutMs = s.Int(min: 0) }),
        ("expectTimeoutMs", (c, s) => c with { ExpectTimeoutMs = s.Int(min: 0) }),
        ("workers", (c, s) => c with { Workers = s.Int(min: 1) }),
        ("trace", (c, s) => c with { Trace = s.OneOf(ModeNames) }),
        ("screenshot", (c, s) => c with { Screenshot = s.OneOf(ModeNames) }),
        ("video", (c, s) => c with { Video = s.OneOf(ModeNames) }),
        ("outputDir", (c, s) => c with { OutputDir = s.Text() }),
        ("report", (c, s) => c with { Report = s.Text() }),
        ("launchArgs", (c, s) => c with { LaunchArgs = s.List() }),
    ];

    /// <summary>For keys the file leaves out: Playwright's defaults, except that failures keep their evidence.</summary>
    private static E2EConfig Defaults { get; } = new(
        BaseUrl: null,
        Browser: BrowserKind.Chromium,
        ExecutablePath: null,
        Headless: true,
        SlowMoMs: 0,
        TimeoutMs: 30_000,
        ExpectTimeoutMs: 5_000,
        Workers: 1,
        Trace: ArtifactMode.RetainOnFailure,
        Screenshot: ArtifactMode.RetainOnFailure,
        Video: ArtifactMode.Off,
        OutputDir: "playwright-output",
        Report: "playwright-output/report/index.html",
        LaunchArgs: []);

    public static string EnvironmentVariableFor(string key) =>
        EnvironmentPrefix + string.Concat(key.Select(ch => char.IsUpper(ch) ? "_" + ch : char.ToUpperInvariant(ch).ToString()));

    /// <summary>
    /// Reads <see cref="FileName"/> next to the test assembly (the build copies it there), or else
    /// the one at the repository root, then applies the environment variables.
    /// </summary>
    public static E2EConfig Load(string baseDirectory, IDictionary environment)
    {
        var repositoryRoot = FindRepositoryRoot(baseDirectory);
        var file = new[] { baseDirectory, repositoryRoot }
            .Where(folder => folder is not null)
            .Select(folder => Path.Combine(folder!, FileName))
            .FirstOrDefault(File.Exists)
            ?? throw new E2EConfigException(
                $"{FileName} was found neither in {baseDirectory} nor at the repository root above it");

        // The build copies the repository's file next to the assembly; name the one to edit.
        var source = repositoryRoot is not null && Path.GetDirectoryName(file) != repositoryRoot
            ? $"{Path.Combine(repositoryRoot, FileName)} (as copied to {file} by the build)"
            : file;
        var config = Defaults;
        foreach (var (key, value) in ReadFile(file))
        {
            var entry = Keys.FirstOrDefault(k => k.Key == key);
            if (entry.Apply is null)
            {
                throw new E2EConfigException(
                    $"{source}: unknown key '{key}'; the keys are {string.Join(", ", Keys.Select(k => k.Key))}");
            }

            config = entry.Apply(config, Setting.FromJson(key, source, value));
        }

        foreach (var (key, apply) in Keys)
        {
            var variable = EnvironmentVariableFor(key);
            if (environment.Contains(variable))
            {
                config = apply(config, Setting.FromEnvironment(key, variable, environment[variable] as string ?? ""));
            }
        }

        // Relative to the repository root rather than bin/: artifacts land where a developer looks.
        var outputBase = repositoryRoot ?? Path.GetDirectoryName(file)!;
        return config with
        {
            OutputDir = Path.GetFullPath(config.OutputDir, outputBase),
            Report = Path.GetFullPath(config.Report, outputBase),
        };
    }

    public override string ToString() =>
        $"baseUrl={BaseUrl?.ToString() ?? "(in-process)"}, browser={Browser}, executablePath={ExecutablePath ?? "(auto)"}, " +
        $"headless={Headless}, slowMoMs={SlowMoMs}, timeoutMs={TimeoutMs}, expectTimeoutMs={ExpectTimeoutMs}, " +
        $"workers={Workers}, trace={Trace}, screenshot={Screenshot}, video={Video}, outputDir={OutputDir}, report={Report}, " +
        $"launchArgs=[{string.Join(' ', LaunchArgs)}]";

    private static string? FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "App.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static IEnumerable<(string Key, JsonElement Value)> ReadFile(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException e)
        {
            throw new E2EConfigException($"{file} is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new E2EConfigException($"{file} must hold one JSON object");
            }

            return document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.Clone())).ToList();
        }
    }

    /// <summary>
    /// One key's raw value and where it came from, so every error names both. JSON scalars and
    /// environment text go through the same parsing, so both sources accept the same values.
    /// </summary>
    private sealed record Setting(string Key, string Source, string? Raw, IReadOnlyList<string>? Items, bool IsArray = false)
    {
        public static Setting FromJson(string key, string file, JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Null => new(key, file, null, null),
            JsonValueKind.String => new(key, file, value.GetString(), null),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => new(key, file, value.GetRawText(), null),
            JsonValueKind.Array when value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) =>
                new(key, file, value.GetRawText(), [.. value.EnumerateArray().Select(i => i.GetString()!)], IsArray: true),
            _ => throw new E2EConfigException(
                $"{file}: '{key}' must be a string, a number, true, false, null or a list of strings, but is {value.GetRawText()}"),
        };

        public static Setting FromEnvironment(string key, string variable, string text) =>
            new(key, $"environment variable {variable}", text.Length == 0 ? null : text,
                text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        public string? TextOrNull() => IsArray ? throw Bad("a single value") : Raw;

        public string Text() => string.IsNullOrWhiteSpace(TextOrNull()) ? throw Bad("a non-empty string") : Raw!;

        public Uri? HttpUrlOrNull() => TextOrNull() switch
        {
            null => null,
            var text when Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" => url,
            _ => throw Bad("an absolute http(s) URL or null"),
        };

        public bool Bool() => TextOrNull()?.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw Bad("true or false"),
        };

        public int Int(int min) =>
            int.TryParse(TextOrNull(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw Bad($"a whole number of at least {min}");

        public T OneOf<T>(Dictionary<string, T> names) =>
            TextOrNull() is { } text && names.TryGetValue(text, out var value)
                ? value
                : throw Bad(string.Join(" | ", names.Keys));

        public IReadOnlyList<string> List() => Items ?? throw Bad("a list of strings");

        private E2EConfigException Bad(string expected) =>
            new($"{Source}: '{Key}' must be {expected}, but is {Raw ?? "null"}");
    }
}

public sealed class E2EConfigException(string message) : Exception(message);
