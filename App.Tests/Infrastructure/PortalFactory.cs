using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Staff;
using AdminPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// The real app and HTTP pipeline, in memory, over its own SQLite file with the real migrations
/// (<see cref="PortalApplication{TSelf}"/>), with what the integration tests add: the clock, the
/// gateway and the console replaced on request, every log message kept, staff made and signed in.
/// </summary>
public sealed partial class PortalFactory() : PortalApplication<PortalFactory>(TestFolder.Create())
{
    public const string AdminEmail = StaffAccounts.AdminEmail;
    public const string AdminPassword = StaffAccounts.AdminPassword;
    public const string StaffPassword = StaffAccounts.Password;

    /// <summary>Replaces the clock, for tests that move time (token lifetimes, lock-outs).</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Replaces the payment gateway (the in-process fake by default).</summary>
    public AdminPortal.Features.Payments.IPaymentGateway? Gateway { get; init; }

    /// <summary>Where the first-Admin notice is printed (the console, unless a test wants to read it).</summary>
    public TextWriter? Console { get; init; }

    /// <summary>Every log message the app wrote, to check that no secret reaches the logs.</summary>
    public LogCapture Logs { get; } = new();

    /// <inheritdoc />
    protected override bool StartsFromTemplate => Console is null && Time is null;

    protected override void ReplaceServices(IServiceCollection services)
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
    }

    /// <summary>A client that keeps no cookies and follows no redirects, to see each answer as it is.</summary>
    public HttpClient CreateRawClient() => NewClient(handleCookies: false);

    /// <summary>Creates an enabled staff member with the given role; returns their email.</summary>
    public async Task<string> CreateStaffAsync(string role, string? email = null)
    {
        email ??= StaffAccounts.NewEmail(role);
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffService>().CreateAsync(new NewStaff(email, StaffPassword, role), "agent@example.com");
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
    public static Task<HttpResponseMessage> PostSignInFormAsync(HttpClient client, HttpResponseMessage formResponse, string email, string password, string path = AuthFeature.SignInPath) =>
        PostFormAsync(client, formResponse, path, "sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>
    /// Posts a statically rendered form of the page in <paramref name="formResponse"/> as a browser
    /// would: its antiforgery field, the form's name and the given fields, with the page's cookies.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, HttpResponseMessage formResponse, string path, string formName, IDictionary<string, string> fields)
    {
        var form = await formResponse.Content.ReadAsStringAsync();
        var values = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
            ["_handler"] = formName,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) };
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
}
