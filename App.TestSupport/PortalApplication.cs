using Microsoft.AspNetCore.Hosting;
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

    public TSelf With(string key, string? value)
    {
        _settings[key] = value;
        return (TSelf)this;
    }

    /// <summary>A bearer token of the staff member, from the app's token endpoint.</summary>
    public async Task<string> TokenAsync(string email, string password)
    {
        using var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return await PortalTokens.RequestAsync(client, email, password);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
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
