using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

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
    private readonly TestFolder _folder;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    /// <param name="folder">Where the database lives; deleted with the app.</param>
    protected PortalApplication(TestFolder folder)
    {
        _folder = folder;
        DatabasePath = folder.File("portal.db");
        _settings["Database:Provider"] = "Sqlite";
        _settings["ConnectionStrings:Default"] = new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();
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

        builder.ConfigureTestServices(ReplaceServices);
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
