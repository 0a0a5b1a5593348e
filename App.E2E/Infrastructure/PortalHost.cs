using AdminPortal.Features.Payments;
using AdminPortal.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// The portal under test: the real <c>Program</c> on Kestrel on a free loopback port over a seeded
/// SQLite file in its own temporary folder, or, when <c>baseUrl</c> is configured, that server
/// (nothing is started then).
/// </summary>
public sealed class PortalHost : IAsyncDisposable
{
    private readonly SeededPortal? _factory;

    private PortalHost(Uri baseUrl, SeededPortal? factory = null, string? databasePath = null)
    {
        BaseUrl = baseUrl;
        _factory = factory;
        DatabasePath = databasePath ?? factory?.DatabasePath;
    }

    /// <summary>The in-process app's SQLite file (shared when several instances run on one); null for a deployed instance.</summary>
    public string? DatabasePath { get; }

    /// <summary>
    /// Where this portal's accounts live: its SQLite file, which several instances may share, or
    /// the deployed portal's address. What one portal's sign-ins change (the authenticator step a
    /// code used up) is shared with exactly the portals of the same database.
    /// </summary>
    public string Database => DatabasePath ?? BaseUrl.ToString();

    /// <summary>The in-process app's first Admin; for a deployed instance QA give theirs in the environment.</summary>
    public const string InProcessAdminEmail = StaffAccounts.AdminEmail;
    public const string InProcessAdminPassword = StaffAccounts.AdminPassword;

    public Uri BaseUrl { get; }

    /// <summary>
    /// The roles besides Admin of which the in-process template holds a member (<see cref="TemplateMember"/>),
    /// made through the API once, before the template is copied: every test's fresh database has
    /// them, security stamps included, so one sign-in per portal serves every test.
    /// </summary>
    public static IReadOnlyList<string> TemplateRoles { get; } = ["agent", "viewer"];

    /// <summary>The template's member with the role (in-process only), e.g. agent@example.com.</summary>
    public static (string Email, string Password) TemplateMember(string role) =>
        TemplateRoles.Contains(role)
            ? ($"{role}@example.com", StaffAccounts.Password)
            : throw new ArgumentOutOfRangeException(nameof(role), role, $"The template holds members of {string.Join(", ", TemplateRoles)} only.");

    /// <summary>An Admin account of the portal under test.</summary>
    public (string Email, string Password) Admin => IsInProcess
        ? (InProcessAdminEmail, InProcessAdminPassword)
        : (Required("PLAYWRIGHT_ADMIN_EMAIL"), Required("PLAYWRIGHT_ADMIN_PASSWORD"));

    /// <summary>True when this process started the app (so tests may rely on its seeded data).</summary>
    public bool IsInProcess => _factory is not null;

    public static PortalHost External(Uri baseUrl) => new(baseUrl);

    /// <summary>
    /// Starts the app on its own database file: a copy of <paramref name="template"/> when given,
    /// else a new file the app migrates and seeds with the demo data at start-up.
    /// </summary>
    public static PortalHost StartInProcess(string? template = null)
    {
        var factory = new SeededPortal(TestFolder.Create("portal-e2e"));
        try
        {
            if (template is not null)
            {
                File.Copy(template, factory.DatabasePath);
            }

            return new PortalHost(factory.ServeOnKestrel().BaseAddress, factory);
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One of several instances of the portal (docs/contract.md §11): on the SQLite file at
    /// <paramref name="databasePath"/>, shared with the others, and with its change notifications
    /// through the Redis at <paramref name="redis"/>.
    /// </summary>
    public static PortalHost StartInstance(string databasePath, string redis) =>
        StartOn(databasePath, ("ConnectionStrings:Redis", redis));

    /// <summary>A portal of its own on the SQLite file at <paramref name="databasePath"/>, with the given settings (a journey about a setting).</summary>
    public static PortalHost StartOn(string databasePath, params (string Key, string Value)[] settings)
    {
        var factory = new SeededPortal(TestFolder.Create("portal-e2e")).With("ConnectionStrings:Default", $"Data Source={databasePath}");
        foreach (var (key, value) in settings)
        {
            factory.With(key, value);
        }

        try
        {
            return new PortalHost(factory.ServeOnKestrel().BaseAddress, factory, databasePath);
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>Whether changes made on other instances reach this one's pages now.</summary>
    public bool IsLive => _factory?.Services.GetRequiredService<AdminPortal.Features.Common.IChangeNotifier>().IsLive ?? false;

    /// <summary>
    /// Puts the template's content into this app's live database with SQLite's online backup, so
    /// the next test starts from the seeded state whatever the last one wrote.
    /// </summary>
    public void RestoreFrom(TemplateDatabase template)
    {
        template.RestoreInto(DatabasePath!);

        // The fake gateway remembers its answers by idempotency key, and the keys name order ids,
        // which the restored database hands out again: a new test's order #241 must not get the
        // answer the last test's order #241 got.
        _factory!.Services.GetRequiredService<FreshFakeGateway>().Reset();
    }

    /// <summary>Writes a consistent copy of this app's database to <paramref name="path"/>.</summary>
    public void BackupTo(string path) => SqliteFiles.Snapshot(DatabasePath!, path);

    /// <summary>A consistent copy of this app's database in a file <paramref name="name"/> beside it (for portals a journey starts itself); its path.</summary>
    public string CopyDatabase(string name)
    {
        var path = Path.Combine(Path.GetDirectoryName(DatabasePath)!, name);
        BackupTo(path);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Set {variable}: against a deployed portal the suite signs in with an Admin account of yours.");

    /// <summary>The shared test host over the seeded demo data, with a fake gateway that forgets between tests.</summary>
    private sealed class SeededPortal : PortalApplication<SeededPortal>
    {
        private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

        public SeededPortal(TestFolder folder)
            : base(folder) => With("Seed:Demo", "true");

        protected override void ReplaceServices(IServiceCollection services)
        {
            // A journey's own instances stop while its browsers still hold their circuits open, and
            // Kestrel waits up to the 30 s default for such connections to close: in 3 of 10 whole
            // runs SeveralInstancesTests spent 29.5 s there. A test host that stops drops them sooner.
            services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
            services.RemoveAll<IPaymentGateway>();
            services.AddSingleton<FreshFakeGateway>();
            services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<FreshFakeGateway>());
        }
    }
}
