using System.Net;
using AdminPortal.Features.Auth;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Features.Auth;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Reliability;

/// <summary>
/// Every page and every API route, found from the app itself, against anonymous visitors, each
/// role and a disabled staff member (who signed in before being disabled): the outcome of each
/// cell is written out here, so a new route without a row fails the table test.
/// </summary>
[TestClass]
[TestCategory(Reliability.Category)]
public sealed class AccessMatrixTests
{
    public const string Anonymous = "anonymous";
    public const string Disabled = "disabled";

    /// <summary>Who may use each API route: everyone signed in, writers (Agent and Admin), or only an Admin.</summary>
    private static readonly Dictionary<string, Need> ApiTable = new(StringComparer.Ordinal)
    {
        ["POST /api/auth/token"] = Need.Nobody,
        ["GET /api/users"] = Need.Reader,
        ["GET /api/users/{id:int}"] = Need.Reader,
        ["POST /api/users"] = Need.Writer,
        ["PUT /api/users/{id:int}"] = Need.Writer,
        ["DELETE /api/users/{id:int}"] = Need.Writer,
        ["GET /api/orders"] = Need.Reader,
        ["GET /api/orders/export.csv"] = Need.Reader,
        ["GET /api/orders/{id:int}"] = Need.Reader,
        ["GET /api/orders/{id:int}/history"] = Need.Reader,
        ["GET /api/orders/{id:int}/payments"] = Need.Reader,
        ["POST /api/orders"] = Need.Writer,
        ["POST /api/orders/{id:int}/transitions"] = Need.Writer,
        ["GET /api/staff"] = Need.Admin,
        ["GET /api/staff/{id}"] = Need.Admin,
        ["POST /api/staff"] = Need.Admin,
        ["PUT /api/staff/{id}"] = Need.Admin,
        ["GET /api/audit"] = Need.Admin,
        ["POST /api/staff/{id}/mfa/reset"] = Need.Admin,
    };

    /// <summary>Pages (and the portal's CSV link) that need more than being signed in.</summary>
    private static readonly Dictionary<string, Need> PageTable = new(StringComparer.Ordinal)
    {
        ["/staff"] = Need.Admin,
        ["/audit"] = Need.Admin,
    };

    private enum Need
    {
        Nobody,
        Reader,
        Writer,
        Admin,
    }

    public static IEnumerable<object[]> Callers() =>
        [[Anonymous], [StaffRoles.Viewer], [StaffRoles.Agent], [StaffRoles.Admin], [Disabled]];

    [TestMethod]
    public async Task The_api_table_holds_exactly_the_routes_the_app_serves()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;

        CollectionAssert.AreEquivalent(ApiTable.Keys.ToArray(), ApiRoutes(portal).Select(r => r.Key).ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(Callers))]
    public async Task Every_page_answers_each_caller_as_the_table_says(string caller)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory { Time = time };
        await ArrangeEntitiesAsync(portal);
        using var browser = await BrowserAsync(portal, caller, time);
        var failures = new List<string>();

        foreach (var page in AccessTests.ProtectedPages().Select(row => (string)row[0]).Append(AdminPortal.Features.Orders.OrdersApi.PortalExportPath))
        {
            using var response = await browser.GetAsync(page);
            var need = PageTable.GetValueOrDefault(page, Need.Reader);
            var (expected, location) = caller is Anonymous or Disabled
                ? (HttpStatusCode.Redirect, AuthFeature.SignInPath)
                : Allows(caller, need) ? (HttpStatusCode.OK, null) : (HttpStatusCode.Redirect, AuthFeature.AccessDeniedPath);
            var actual = response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString : null;
            if (response.StatusCode != expected || (location is not null && actual?.StartsWith(location, StringComparison.Ordinal) != true))
            {
                failures.Add($"{caller} GET {page}: expected {(int)expected} {location}, got {(int)response.StatusCode} {actual}");
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    [TestMethod]
    [DynamicData(nameof(Callers))]
    public async Task Every_api_route_answers_each_caller_as_the_table_says(string caller)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory { Time = time };
        await ArrangeEntitiesAsync(portal);
        using var client = await ApiClientAsync(portal, caller);
        var before = await portal.SnapshotAsync();
        var failures = new List<string>();

        foreach (var (route, (method, path)) in ApiRoutes(portal))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT")
            {
                // An empty object: a caller who gets past authorization is refused by validation, so nothing changes.
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var need = ApiTable[route];
            var expected = need == Need.Nobody ? "not 401 or 403"
                : caller is Anonymous or Disabled ? "401"
                : Allows(caller, need) ? "not 401 or 403" : "403";
            var ok = expected switch
            {
                "401" => status == 401,
                "403" => status == 403,
                _ => status is not (401 or 403) && status < 500,
            };
            if (!ok)
            {
                failures.Add($"{caller} {method} {path}: expected {expected}, got {status}");
            }

            if (status >= 400)
            {
                Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, $"{caller} {method} {path} ({status})");
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
        (await portal.SnapshotAsync()).AssertUnchangedSince(before, $"{caller} on every route");
    }

    private static bool Allows(string role, Need need) => need switch
    {
        Need.Nobody or Need.Reader => true,
        Need.Writer => role is StaffRoles.Agent or StaffRoles.Admin,
        _ => role is StaffRoles.Admin,
    };

    /// <summary>A user and an order with id 1, so every filled-in route finds what it names.</summary>
    private static async Task ArrangeEntitiesAsync(PortalFactory portal)
    {
        var user = await portal.AddUserAsync(new UserBuilder());
        var order = await portal.AddOrderAsync(user.Id, new OrderBuilder());
        Assert.AreEqual((1, 1), (user.Id, order.Id));
    }

    private static async Task<HttpClient> BrowserAsync(PortalFactory portal, string caller, FakeTimeProvider time)
    {
        if (caller == Anonymous)
        {
            return portal.CreateRawClient();
        }

        var email = await portal.CreateStaffAsync(caller == Disabled ? StaffRoles.Admin : caller);
        var browser = await portal.CreateSignedInClientAsync(email, PortalFactory.StaffPassword);
        if (caller == Disabled)
        {
            await SignInTests.Disable(portal, email);
            // The cookie is checked against the staff store at most once a minute.
            time.Advance(TimeSpan.FromMinutes(2));
        }

        return browser;
    }

    private static async Task<HttpClient> ApiClientAsync(PortalFactory portal, string caller)
    {
        if (caller == Anonymous)
        {
            return portal.CreateRawClient();
        }

        var email = await portal.CreateStaffAsync(caller == Disabled ? StaffRoles.Admin : caller);
        var client = await portal.CreateApiClientAsync(email, PortalFactory.StaffPassword);
        if (caller == Disabled)
        {
            // Used once before, so the instance holds the member as enabled: refused at once all the same.
            using var before = await client.GetAsync("/api/orders");
            Assert.AreEqual(HttpStatusCode.OK, before.StatusCode);
            await SignInTests.Disable(portal, email);
        }

        return client;
    }

    /// <summary>Every API route and method, keyed as in <see cref="ApiTable"/>, with its parameters filled with 1.</summary>
    private static IEnumerable<KeyValuePair<string, (string Method, string Path)>> ApiRoutes(PortalFactory portal) =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            {
                var raw = "/" + e.RoutePattern.RawText!.Trim('/');
                return new KeyValuePair<string, (string, string)>($"{method} {raw}", (method, System.Text.RegularExpressions.Regex.Replace(raw, "{[^}]+}", "1")));
            }))
            .DistinctBy(r => r.Key);
}
