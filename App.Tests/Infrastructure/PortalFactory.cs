using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// The real app and HTTP pipeline over its own SQLite file with the real migrations. Settings are
/// passed as host settings so that the app sees them while it composes its services.
/// </summary>
public sealed partial class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Admin-Pass-1!";
    public const string StaffPassword = "Staff-Pass-1!";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private bool _onKestrel;

    public PortalFactory()
    {
        Directory.CreateDirectory(_folder);
        DatabasePath = Path.Combine(_folder, "portal.db");
        _settings["ConnectionStrings:Default"] = $"Data Source={DatabasePath}";
        _settings["Seed:Demo"] = "false";
        _settings["Seed:AdminEmail"] = AdminEmail;
        _settings["Seed:AdminPassword"] = AdminPassword;
        // Tests sign in often from one address; the throttle's own test turns this down.
        _settings["Auth:SignInAttemptsPerMinute"] = "10000";
    }

    /// <summary>Replaces the clock, for tests that move time (token lifetimes, lock-outs).</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Replaces the payment gateway (the in-process fake by default).</summary>
    public AdminPortal.Features.Payments.IPaymentGateway? Gateway { get; init; }

    /// <summary>Where the first-Admin notice is printed (the console, unless a test wants to read it).</summary>
    public TextWriter? Console { get; init; }

    /// <summary>Every log message the app wrote, to check that no secret reaches the logs.</summary>
    public LogCapture Logs { get; } = new();

    public string DatabasePath { get; }

    public PortalFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The framework's scripts and the scoped styles, served from the build as the published app serves them.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            if (Time is not null)
            {
                services.Replace(ServiceDescriptor.Singleton(Time));
            }

            if (Gateway is not null)
            {
                services.Replace(ServiceDescriptor.Singleton(Gateway));
            }

            if (Console is not null)
            {
                services.Replace(ServiceDescriptor.Singleton(sp => new StaffSeeder(
                    sp.GetRequiredService<IServiceScopeFactory>(),
                    sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<FirstAdminOptions>>(),
                    Console)));
            }
        });
    }

    /// <summary>Where the clients of this factory send their requests: the test server, or Kestrel once <see cref="ServeOnKestrel"/> ran.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost");

    /// <summary>Serves the app on Kestrel on a free loopback port, for tests that need the real server's HTTP handling.</summary>
    public PortalFactory ServeOnKestrel()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
        _onKestrel = true;
        return this;
    }

    /// <summary>A client that keeps no cookies and follows no redirects, to see each answer as it is.</summary>
    public HttpClient CreateRawClient() => NewClient(handleCookies: false);

    // The factory's own clients follow redirects on Kestrel whatever their options say.
    private HttpClient NewClient(bool handleCookies) => _onKestrel
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = handleCookies }) { BaseAddress = BaseAddress }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });

    /// <summary>Creates an enabled staff member with the given role; returns their email.</summary>
    public async Task<string> CreateStaffAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffService>().CreateAsync(new NewStaff(email, StaffPassword, role));
        return email;
    }

    public async Task<string> StaffIdAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var all = await scope.ServiceProvider.GetRequiredService<StaffService>().ListAsync();
        return all.Single(s => s.Email == email).Id;
    }

    /// <summary>An API client carrying a bearer token of the given staff member.</summary>
    public async Task<HttpClient> CreateApiClientAsync(string email, string password)
    {
        var client = CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email, password));
        return client;
    }

    public async Task<string> TokenAsync(string email, string password)
    {
        using var client = CreateRawClient();
        using var response = await client.PostAsJsonAsync("/api/auth/token", new TokenRequest(email, password));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    /// <summary>
    /// Signs in through the real sign-in form, with its antiforgery token and cookie, as a browser
    /// would; a client that keeps cookies keeps the auth cookie too.
    /// </summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password, string path = AuthFeature.SignInPath)
    {
        using var formResponse = await client.GetAsync(path);
        return await PostSignInFormAsync(client, formResponse, email, password, path);
    }

    /// <summary>Posts the sign-in form of <paramref name="formResponse"/> (its antiforgery field and cookie) through <paramref name="client"/>.</summary>
    public static async Task<HttpResponseMessage> PostSignInFormAsync(HttpClient client, HttpResponseMessage formResponse, string email, string password, string path = AuthFeature.SignInPath)
    {
        var form = await formResponse.Content.ReadAsStringAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
                ["_handler"] = "sign-in",
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }),
        };
        if (formResponse.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        }

        return await client.SendAsync(request);
    }

    /// <summary>A browser-like client (cookies kept, redirects not followed) signed in as the given staff member.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string email, string password)
    {
        var client = NewClient(handleCookies: true);
        using var response = await PostSignInAsync(client, email, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {response.StatusCode}");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Only a temp folder is left behind.
        }
    }
}
