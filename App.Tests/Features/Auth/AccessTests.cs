using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using AdminPortal.Features.Auth;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Features.Auth;

/// <summary>Who may reach what: every page and every API route, found from the app itself so new ones are covered.</summary>
[TestClass]
public sealed class AccessTests
{
    // Every routable page of the app, with route parameters filled in.
    public static IEnumerable<object[]> ProtectedPages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => new object[] { FillParameters(r.Template) })
            .DistinctBy(row => (string)row[0]);

    public static IEnumerable<object[]> AnonymousPages() =>
        [[AuthFeature.SignInPath], ["/health"], ["/favicon.png"], ["/app.css"]];

    [TestMethod]
    public void Pages_are_found() => Assert.IsGreaterThanOrEqualTo(3, ProtectedPages().Count());

    [TestMethod]
    [DynamicData(nameof(ProtectedPages))]
    public async Task An_anonymous_visitor_is_redirected_from_every_page_to_sign_in(string path)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var response = await client.GetAsync(path);

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, path);
        StringAssert.StartsWith(response.Headers.Location!.AbsolutePath, AuthFeature.SignInPath);
        StringAssert.Contains(response.Headers.Location.Query, "ReturnUrl=");
    }

    [TestMethod]
    [DynamicData(nameof(AnonymousPages))]
    public async Task Sign_in_health_and_static_assets_are_open_to_everyone(string path)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var response = await client.GetAsync(path);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
    }

    [TestMethod]
    public async Task Every_api_route_but_the_token_endpoint_answers_401_problem_json_without_a_token()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();
        var routes = ApiRoutes(portal).Where(r => r.Path != "/api/auth/token").ToList();
        Assert.IsNotEmpty(routes);

        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            using var response = await client.SendAsync(request);

            Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode, $"{method} {path}");
            Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, $"{method} {path}");
        }
    }

    [TestMethod]
    public async Task An_invalid_token_is_refused_on_every_api_route()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        foreach (var (method, path) in ApiRoutes(portal).Where(r => r.Path != "/api/auth/token"))
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode, $"{method} {path}");
        }
    }

    [TestMethod]
    public async Task A_cookie_does_not_open_the_api()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var browser = await portal.CreateSignedInClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        using var response = await browser.GetAsync("/api/staff");

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    [DataRow("Viewer", HttpStatusCode.Redirect)]
    [DataRow("Agent", HttpStatusCode.Redirect)]
    [DataRow("Admin", HttpStatusCode.OK)]
    public async Task Only_an_admin_opens_the_staff_page(string role, HttpStatusCode expected)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var email = await portal.CreateStaffAsync(role);
        using var browser = await portal.CreateSignedInClientAsync(email, PortalFactory.StaffPassword);

        using var response = await browser.GetAsync("/staff");

        Assert.AreEqual(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            StringAssert.StartsWith(response.Headers.Location!.AbsolutePath, AuthFeature.AccessDeniedPath);
        }
    }

    [TestMethod]
    public async Task There_is_no_self_registration()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var browser = await portal.CreateSignedInClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        using var api = await portal.CreateApiClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        using var page = await browser.GetAsync("/account/register");
        using var endpoint = await api.PostAsync("/api/auth/register", JsonContent.Create(new { email = "x@example.com", password = "Pass-1234!" }));

        Assert.AreEqual(HttpStatusCode.NotFound, page.StatusCode);
        Assert.IsTrue(endpoint.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, endpoint.StatusCode.ToString());
        Assert.IsFalse(ApiRoutes(portal).Any(r => r.Path.Contains("regist", StringComparison.OrdinalIgnoreCase)));
    }

    private static IEnumerable<(string Method, string Path)> ApiRoutes(PortalFactory portal) =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, FillParameters("/" + e.RoutePattern.RawText!.TrimStart('/')))))
            .Distinct();

    private static string FillParameters(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", "1");
}
