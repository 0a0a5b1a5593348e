using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// The portal's HTTP API with an Admin's bearer token, for what a journey needs before it starts
/// (another staff member, a user, an order in a given state). Journeys arrange through the API and
/// act through the browser, so a test reads as the one thing it checks, and the same arrangement
/// works against a deployed portal.
/// </summary>
public sealed class PortalApi(Uri baseUrl, (string Email, string Password) admin) : IDisposable
{
    /// <summary>Meets Identity's default rules (length, digit, upper, lower, symbol).</summary>
    public const string StaffPassword = "E2E-Staff-Pass-1!";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Admin tokens per portal. Every test restores the Admin's row, security stamp included, from
    /// the same template, so one token is valid for all; asking once spares a password hash per test.
    /// </summary>
    private static readonly ConcurrentDictionary<(Uri Portal, string Email), string> Tokens = new();

    private readonly HttpClient _http = new() { BaseAddress = baseUrl };
    private bool _authorized;

    /// <summary>A new enabled staff member with the role (<c>admin</c>, <c>agent</c> or <c>viewer</c>).</summary>
    public async Task<(string Email, string Password)> CreateStaffAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Unique()}@example.com";
        await PostAsync("api/staff", new { email, password = StaffPassword, role = role.ToLowerInvariant() });
        return (email, StaffPassword);
    }

    /// <summary>A new active user; its id.</summary>
    public async Task<int> CreateUserAsync(string name, string email) =>
        (await PostAsync("api/users", new { name, email })).GetProperty("id").GetInt32();

    /// <summary>A new active user with a unique name and email; its id, name and email.</summary>
    public async Task<(int Id, string Name, string Email)> CreateUserAsync()
    {
        var suffix = Unique();
        var (name, email) = ($"Test User {suffix}", $"test.user.{suffix}@example.com");
        return (await CreateUserAsync(name, email), name, email);
    }

    /// <summary>A new pending order; its id.</summary>
    public async Task<int> CreateOrderAsync(int userId, decimal amount, string currency = "USD") =>
        (await PostAsync("api/orders", new { userId, amount, currency })).GetProperty("id").GetInt32();

    /// <summary>Moves an order (<c>processing</c> charges it), with the reason kept in its history.</summary>
    public Task TransitionAsync(int orderId, string to, string? reason = null) =>
        PostAsync(string.Create(CultureInfo.InvariantCulture, $"api/orders/{orderId}/transitions"), new { to, reason });

    public void Dispose() => _http.Dispose();

    /// <summary>Short and unique across parallel tests and repeated runs against one deployed portal.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        await AuthorizeAsync();
        using var response = await _http.PostAsJsonAsync(path, body, Json);
        return await ReadAsync(response, $"POST {path}");
    }

    private async Task AuthorizeAsync()
    {
        if (_authorized)
        {
            return;
        }

        if (!Tokens.TryGetValue((baseUrl, admin.Email), out var token))
        {
            using var response = await _http.PostAsJsonAsync("api/auth/token", new { email = admin.Email, password = admin.Password }, Json);
            token = (await ReadAsync(response, "POST api/auth/token")).GetProperty("accessToken").GetString()!;
            Tokens[(baseUrl, admin.Email)] = token;
        }

        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _authorized = true;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string request)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{request} answered {(int)response.StatusCode} {response.ReasonPhrase}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
