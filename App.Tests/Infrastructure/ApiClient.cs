using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// An HTTP client for API tests that checks every answer against the contract as it arrives, so
/// no test can forget to: a JSON success is validated against the schema of its route, every error
/// must be problem+json matching the problem schema, a single resource must carry its version as
/// ETag, and a 204 must be empty. Tests then assert the behaviour they are about.
/// </summary>
public sealed partial class ApiClient(HttpClient http) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The raw client, for the few tests that look below the contract (the CSV export, OpenAPI).</summary>
    public HttpClient Http { get; } = http;

    public static async Task<ApiClient> AdminAsync(PortalFactory portal) =>
        new(await portal.CreateApiClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword));

    /// <summary>A client with the token of a staff member made by <see cref="PortalFactory.CreateStaffAsync"/>.</summary>
    public static async Task<ApiClient> StaffAsync(PortalFactory portal, string email) =>
        new(await portal.CreateApiClientAsync(email, PortalFactory.StaffPassword));

    /// <summary>A client signed in as a new staff member of <paramref name="role"/>.</summary>
    public static async Task<ApiClient> WithRoleAsync(PortalFactory portal, string role) =>
        await StaffAsync(portal, await portal.CreateStaffAsync(role));

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> PostAsync(string path, object body, string? ifMatch = null) => SendAsync(HttpMethod.Post, path, Json(body), ifMatch);

    public Task<ApiResponse> PutAsync(string path, object body, string? ifMatch = null) => SendAsync(HttpMethod.Put, path, Json(body), ifMatch);

    public Task<ApiResponse> DeleteAsync(string path, string? ifMatch = null) => SendAsync(HttpMethod.Delete, path, null, ifMatch);

    /// <summary>Sends <paramref name="body"/> exactly as given, with the given Content-Type (none when null).</summary>
    public Task<ApiResponse> SendRawAsync(HttpMethod method, string path, byte[] body, string? contentType, string? ifMatch = null)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return SendAsync(method, path, content, ifMatch);
    }

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var answer = new ApiResponse($"{method} {path}", response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, text);
        answer.CheckContract(ContractOf(method, path, response.StatusCode));
        return answer;
    }

    public void Dispose() => Http.Dispose();

    private static StringContent Json(object body) =>
        body is string raw
            ? new StringContent(raw, Encoding.UTF8, "application/json")
            : new StringContent(JsonSerializer.Serialize(body, Web), Encoding.UTF8, "application/json");

    /// <summary>The contract of a successful answer on this route; null where the answer has no body.</summary>
    private static Contract? ContractOf(HttpMethod method, string path, HttpStatusCode status)
    {
        if ((int)status >= 400)
        {
            return Contract.Problem;
        }

        var route = path.Split('?')[0];
        return (method.Method, route) switch
        {
            ("POST", "/api/auth/token") => Contract.Token,
            ("GET", "/api/users") => Contract.UsersPage,
            ("POST", "/api/users") => Contract.User,
            (_, _) when UserRoute().IsMatch(route) => method == HttpMethod.Delete ? null : Contract.User,
            ("GET", "/api/orders") => Contract.OrdersPage,
            ("POST", "/api/orders") => Contract.Order,
            ("GET", "/api/orders/export.csv") => null,
            (_, _) when OrderRoute().IsMatch(route) => Contract.Order,
            ("POST", _) when TransitionsRoute().IsMatch(route) => Contract.Order,
            ("GET", _) when HistoryRoute().IsMatch(route) => Contract.History,
            ("GET", _) when PaymentsRoute().IsMatch(route) => Contract.Payments,
            ("GET", "/api/staff") => Contract.StaffList,
            ("GET", "/api/audit") => Contract.AuditPage,
            ("POST", "/api/staff") => Contract.Staff,
            ("POST", _) when StaffMfaResetRoute().IsMatch(route) => Contract.Staff,
            (_, _) when StaffRoute().IsMatch(route) => Contract.Staff,
            _ => throw new AssertFailedException($"No contract is known for a {(int)status} answer to {method} {path}; add one to {nameof(ApiClient)}."),
        };
    }

    [GeneratedRegex(@"^/api/users/[^/]+$")]
    private static partial Regex UserRoute();

    [GeneratedRegex(@"^/api/staff/[^/]+/mfa/reset$")]
    private static partial Regex StaffMfaResetRoute();

    [GeneratedRegex(@"^/api/staff/[^/]+$")]
    private static partial Regex StaffRoute();

    [GeneratedRegex(@"^/api/orders/\d+$")]
    private static partial Regex OrderRoute();

    [GeneratedRegex(@"^/api/orders/\d+/transitions$")]
    private static partial Regex TransitionsRoute();

    [GeneratedRegex(@"^/api/orders/\d+/history$")]
    private static partial Regex HistoryRoute();

    [GeneratedRegex(@"^/api/orders/\d+/payments$")]
    private static partial Regex PaymentsRoute();
}

/// <summary>An answer of the API, already checked against its contract.</summary>
public sealed class ApiResponse
{
    private readonly JsonDocument? _json;

    internal ApiResponse(string request, HttpStatusCode status, HttpResponseHeaders headers, string? mediaType, string text)
    {
        Request = request;
        Status = status;
        Headers = headers;
        MediaType = mediaType;
        Text = text;
        if (mediaType is "application/json" or "application/problem+json" && text.Length > 0)
        {
            try
            {
                _json = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                Assert.Fail($"{request}: the {mediaType} body is not JSON ({e.Message}): {text}");
            }
        }
    }

    public string Request { get; }
    public HttpStatusCode Status { get; }
    public HttpResponseHeaders Headers { get; }
    public string? MediaType { get; }
    public string Text { get; }

    /// <summary>The JSON body.</summary>
    public JsonElement Body => _json?.RootElement ?? throw new AssertFailedException($"{Request}: answered {(int)Status} without a JSON body: '{Text}'");

    public string? ETag => Headers.ETag?.ToString();

    public int Id => Body.GetProperty("id").GetInt32();

    public string? String(string property) => Body.GetProperty(property).GetString();

    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public ApiResponse Is(HttpStatusCode expected)
    {
        Assert.AreEqual(expected, Status, $"{Request} answered {(int)Status}: {Text}");
        return this;
    }

    /// <summary>Asserts a problem answer with this status; with <paramref name="field"/>, that its errors name it.</summary>
    public JsonElement Problem(HttpStatusCode expected, string? field = null)
    {
        Is(expected);
        Assert.AreEqual("application/problem+json", MediaType, Request);
        Assert.AreEqual((int)expected, Body.GetProperty("status").GetInt32(), Request);
        if (field is not null)
        {
            Assert.IsTrue(
                Body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                $"{Request}: expected an error for '{field}', got {Text}");
        }

        return Body;
    }

    internal void CheckContract(Contract? contract)
    {
        if ((int)Status >= 400)
        {
            // Every error the API itself writes is problem+json (docs/contract.md §7).
            Assert.AreEqual("application/problem+json", MediaType, $"{Request} answered {(int)Status} with '{MediaType}': {Text}");
        }

        if (Status == HttpStatusCode.NoContent)
        {
            Assert.AreEqual("", Text, $"{Request}: a 204 has no body");
            return;
        }

        if (contract is not { } expected)
        {
            return;
        }

        Assert.IsTrue(MediaType is "application/json" or "application/problem+json", $"{Request} answered {(int)Status} with '{MediaType}': {Text}");
        Contracts.AssertValid(expected, Body, $"{Request} ({(int)Status})");
        if (expected is Contract.User or Contract.Order)
        {
            Assert.AreEqual($"\"{Body.GetProperty("version").GetInt32()}\"", ETag, $"{Request}: a resource carries its version as ETag");
        }
    }
}
