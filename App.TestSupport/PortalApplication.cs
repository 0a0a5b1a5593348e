using System.Collections.Concurrent;
using System.Net;
using AdminPortal.Features.Common;
using AdminPortal.Features.Payments;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdminPortal.TestSupport;

/// <summary>
/// The real app (<c>Program</c>) over a SQLite file in a folder of its own, with the real migrations,
/// in the <c>Testing</c> environment: the production error pages and no development-only middleware.
/// App.Tests serves it in memory, App.E2E on Kestrel for a browser. Settings are host settings
/// (<c>UseSetting</c>), not configuration callbacks, because <c>Program</c> reads the database
/// settings while it composes its services, before those would apply.
/// </summary>
public abstract class PortalApplication<TSelf> : WebApplicationFactory<Program>
    where TSelf : PortalApplication<TSelf>
{
    /// <summary>
    /// Rounds of PBKDF2 per password hash in test hosts: the algorithm and the stored format are
    /// Identity's, but a hash costs a millisecond instead of most of a second on a busy 2-core
    /// machine, and the suites make thousands (every sign-in, token and new member).
    /// </summary>
    public const int PasswordHashIterations = 1_000;

    // Databases as start-up left them, by the settings that shaped them; deleted with the process.
    private static readonly ConcurrentDictionary<string, string> Templates = new(StringComparer.Ordinal);
    private static readonly Lazy<TestFolder> TemplateFolder = new(() =>
    {
        var folder = TestFolder.Create("portal-templates");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        return folder;
    });

    private readonly TestFolder _folder;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly string _ownConnectionString;

    /// <param name="folder">Where the database lives; deleted with the app.</param>
    protected PortalApplication(TestFolder folder)
    {
        _folder = folder;
        DatabasePath = folder.File("portal.db");
        _settings["Database:Provider"] = "Sqlite";
        _ownConnectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();
        _settings["ConnectionStrings:Default"] = _ownConnectionString;
        _settings["Seed:Demo"] = "false";
        _settings["Seed:AdminEmail"] = StaffAccounts.AdminEmail;
        _settings["Seed:AdminPassword"] = StaffAccounts.AdminPassword;
        // Tests sign in often, and in parallel, from one address; the throttle's own test turns this down.
        _settings["Auth:SignInAttemptsPerMinute"] = "100000";
    }

    public string DatabasePath { get; }

    /// <summary>Where clients send their requests: the in-memory test server, or Kestrel once <see cref="ServeOnKestrel"/> ran.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost");

    public bool IsOnKestrel { get; private set; }

    /// <summary>Serves the app on Kestrel on a free loopback port: for a browser, or for the real server's HTTP handling.</summary>
    public TSelf ServeOnKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        IsOnKestrel = true;
        return (TSelf)this;
    }

    /// <summary>A client that follows no redirects, to see each answer as it is, with or without a cookie jar.</summary>
    public HttpClient NewClient(bool handleCookies) => IsOnKestrel
        // The factory's own clients follow redirects on Kestrel whatever their options say.
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = handleCookies }) { BaseAddress = BaseAddress }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });

    public TSelf With(string key, string? value)
    {
        _settings[key] = value;
        return (TSelf)this;
    }

    /// <summary>A bearer token of the staff member, from the app's token endpoint.</summary>
    public async Task<string> TokenAsync(string email, string password)
    {
        using var client = NewClient(handleCookies: false);
        return await PortalTokens.RequestAsync(client, email, password);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host serves only published assets; the build's manifest maps the
        // rest (blazor.web.js, scoped CSS, collocated JS) to obj/ and the packages, as publishing would.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (!HashesAsInProduction)
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashIterations);
            }

            ReplaceServices(services);
        });
    }

    /// <summary>
    /// False where a test watches what start-up does to a new database (the first-Admin notice, a
    /// fake clock's timestamps on the first rows): that portal migrates and seeds its own file.
    /// </summary>
    protected virtual bool StartsFromTemplate => true;

    /// <summary>Identity's own PBKDF2 rounds, for a portal that shares its database with the app as a separate process.</summary>
    public bool HashesAsInProduction { get; init; }

    /// <summary>Starts from a template of this portal's settings when there is one, and makes one when there is not.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var key = TemplateKey();
        var template = key is not null && Templates.TryGetValue(key, out var found) ? found : null;
        if (template is not null && !File.Exists(DatabasePath))
        {
            File.Copy(template, DatabasePath);
        }

        var host = base.CreateHost(builder);
        if (key is not null && template is null)
        {
            // Start-up has run (the factory returns once Program reached Run); no test has written yet.
            var copy = TemplateFolder.Value.File($"{Guid.NewGuid():N}.db");
            SqliteFiles.Snapshot(DatabasePath, copy);
            Templates.TryAdd(key, copy);
        }

        return host;
    }

    /// <summary>What the template depends on: the portal's kind and every setting but its own file; null when it must not use one.</summary>
    private string? TemplateKey() =>
        StartsFromTemplate && !HashesAsInProduction && _settings["ConnectionStrings:Default"] == _ownConnectionString
            ? string.Join('\n', _settings.Where(s => s.Key != "ConnectionStrings:Default").OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => $"{s.Key}={s.Value}").Prepend(typeof(TSelf).FullName))
            : null;


    /// <summary>
    /// Puts the content of <paramref name="snapshot"/> into this app's live database (a copy of it
    /// as it was before a test), and forgets what the app holds in memory about the rows it
    /// replaced: the answers of a <see cref="FreshFakeGateway"/>, and the staff checks cached per
    /// instance (told as any staff change is, so the cache reads the restored rows).
    /// </summary>
    public void RestoreDatabase(string snapshot)
    {
        SqliteFiles.Restore(snapshot, DatabasePath);
        if (Services.GetRequiredService<IPaymentGateway>() is FreshFakeGateway gateway)
        {
            gateway.Reset();
        }

        Services.GetRequiredService<IChangeNotifier>().Publish(ChangeEvent.StaffChanged);
    }

    /// <summary>Replaces what the app registered (the gateway, the clock, a log capture), after it did.</summary>
    protected virtual void ReplaceServices(IServiceCollection services)
    {
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
