using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.TestSupport;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// The portal's HTTP API with an Admin's bearer token, for what a journey needs before it starts
/// (another staff member, a user, an order in a given state). Journeys arrange through the API and
/// act through the browser, so a test reads as the one thing it checks, and the same arrangement
/// works against a deployed portal.
/// </summary>
public sealed class PortalApi(PortalHost portal) : IDisposable
{
    public const string StaffPassword = StaffAccounts.Password;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Admin tokens per portal. Every test restores the Admin's row, security stamp included, from
    /// the same template, so one token is valid for all; asking once spares a password hash per test.
    /// </summary>
    private static readonly ConcurrentDictionary<(Uri Portal, string Email), string> Tokens = new();

    private readonly HttpClient _http = new() { BaseAddress = portal.BaseUrl };
    private readonly (string Email, string Password) _admin = portal.Admin;
    private readonly List<string> _staffToDisable = [];
    private readonly List<string> _userEmailsToRemove = [];
    private readonly List<int> _ordersToCancel = [];
    private bool _authorized;

    /// <summary>A new enabled staff member with the role (<c>admin</c>, <c>agent</c> or <c>viewer</c>).</summary>
    public Task<(string Email, string Password)> CreateStaffAsync(string role) => CreateStaffAsync(role, StaffAccounts.NewEmail(role));

    /// <summary>A new enabled staff member with the role and the email.</summary>
    public async Task<(string Email, string Password)> CreateStaffAsync(string role, string email)
    {
        await PostAsync("api/staff", new { email, password = StaffPassword, role = role.ToLowerInvariant() });
        CleanUpStaffAfterwards(email);
        return (email, StaffPassword);
    }

    /// <summary>A new active user; its id.</summary>
    public async Task<int> CreateUserAsync(string name, string email)
    {
        var id = (await PostAsync("api/users", new { name, email })).GetProperty("id").GetInt32();
        CleanUpUserAfterwards(email);
        return id;
    }

    /// <summary>A new active user with a unique name and email; its id, name and email.</summary>
    public async Task<(int Id, string Name, string Email)> CreateUserAsync()
    {
        var suffix = Unique();
        var (name, email) = ($"Test User {suffix}", $"test.user.{suffix}@example.com");
        return (await CreateUserAsync(name, email), name, email);
    }

    /// <summary>A new pending order; its id.</summary>
    public async Task<int> CreateOrderAsync(int userId, decimal amount, string currency = "USD")
    {
        var id = (await PostAsync("api/orders", new { userId, amount, currency })).GetProperty("id").GetInt32();
        _ordersToCancel.Add(id);
        return id;
    }

    /// <summary>A staff account a test created through the browser, for <see cref="CleanUpAsync"/>.</summary>
    public void CleanUpStaffAfterwards(string email) => _staffToDisable.Add(email);

    /// <summary>A user a test created through the browser (and with it the user's orders), for <see cref="CleanUpAsync"/>.</summary>
    public void CleanUpUserAfterwards(string email) => _userEmailsToRemove.Add(email);

    /// <summary>
    /// Against a deployed portal, takes back what the test made, as far as the portal allows: open
    /// orders are cancelled (a paid one is refunded), users without orders are deleted and users with
    /// orders suspended (orders and their history are never deleted), staff accounts are disabled.
    /// Every step is tried; the first failure is reported after the rest were done.
    /// </summary>
    public async Task CleanUpAsync()
    {
        var failures = new List<Exception>();
        async Task Try(Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
            {
                failures.Add(e);
            }
        }

        var userIds = new List<int>();
        foreach (var email in _userEmailsToRemove.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await Try(async () =>
            {
                var page = await GetAsync($"api/users?search={Uri.EscapeDataString(email)}&pageSize=100");
                userIds.AddRange(page.GetProperty("items").EnumerateArray()
                    .Where(u => string.Equals(u.GetProperty("email").GetString(), email, StringComparison.OrdinalIgnoreCase))
                    .Select(u => u.GetProperty("id").GetInt32()));
            });
        }

        foreach (var userId in userIds)
        {
            await Try(async () =>
            {
                var orders = await GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/orders?userId={userId}&pageSize=100"));
                _ordersToCancel.AddRange(orders.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetInt32()));
            });
        }

        foreach (var orderId in _ordersToCancel.Distinct())
        {
            await Try(async () =>
            {
                var order = await GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/orders/{orderId}"));
                if (order.GetProperty("allowedTransitions").EnumerateArray().Any(t => t.GetString() == "cancelled"))
                {
                    await PostAsync(string.Create(CultureInfo.InvariantCulture, $"api/orders/{orderId}/transitions"), new { to = "cancelled", reason = "End-to-end test clean-up" });
                }
            });
        }

        foreach (var userId in userIds.Distinct())
        {
            await Try(async () =>
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"api/users/{userId}");
                using var deleted = await _http.DeleteAsync(path);
                if (deleted.StatusCode == System.Net.HttpStatusCode.Conflict)
                {
                    // Orders keep their user: suspend instead.
                    var user = await GetAsync(path);
                    using var suspended = await _http.PutAsJsonAsync(
                        path, new { name = user.GetProperty("name").GetString(), email = user.GetProperty("email").GetString(), status = "suspended" }, Json);
                    await ReadAsync(suspended, $"PUT {path}");
                }
                else if (deleted.StatusCode != System.Net.HttpStatusCode.NotFound)
                {
                    await ReadAsync(deleted, $"DELETE {path}");
                }
            });
        }

        if (_staffToDisable.Count > 0)
        {
            await Try(async () =>
            {
                var staff = await GetAsync("api/staff");
                foreach (var member in staff.EnumerateArray().Where(m =>
                             _staffToDisable.Contains(m.GetProperty("email").GetString()!, StringComparer.OrdinalIgnoreCase) && !m.GetProperty("disabled").GetBoolean()))
                {
                    var path = $"api/staff/{Uri.EscapeDataString(member.GetProperty("id").GetString()!)}";
                    using var response = await _http.PutAsJsonAsync(path, new { role = member.GetProperty("role").GetString(), disabled = true }, Json);
                    await ReadAsync(response, $"PUT {path}");
                }
            });
        }

        _ordersToCancel.Clear();
        _userEmailsToRemove.Clear();
        _staffToDisable.Clear();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"Clean-up left something behind: {failures[0].Message}", failures[0]);
        }
    }

    /// <summary>Moves an order (<c>processing</c> charges it), with the reason kept in its history.</summary>
    public Task TransitionAsync(int orderId, string to, string? reason = null) =>
        PostAsync(string.Create(CultureInfo.InvariantCulture, $"api/orders/{orderId}/transitions"), new { to, reason });

    public void Dispose() => _http.Dispose();

    /// <summary>Short and unique across parallel tests and repeated runs against one deployed portal.</summary>
    public static string Unique() => StaffAccounts.Unique();

    private async Task<JsonElement> GetAsync(string path)
    {
        await AuthorizeAsync();
        using var response = await _http.GetAsync(path);
        return await ReadAsync(response, $"GET {path}");
    }

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

        if (!Tokens.TryGetValue((portal.BaseUrl, _admin.Email), out var token))
        {
            // An Admin with two-factor sign-in (a deployed portal's, one a portal requiring it
            // enrolled) needs a code for the token route too.
            var code = Authenticators.Knows(portal, _admin.Email) ? await Authenticators.NextCodeAsync(portal, _admin.Email) : null;
            token = await PortalTokens.RequestAsync(_http, _admin.Email, _admin.Password, code);
            Tokens[(portal.BaseUrl, _admin.Email)] = token;
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
