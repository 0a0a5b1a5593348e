using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Features.Auth;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Features.Common;

/// <summary>
/// HEAD, which uptime monitors and link checkers send, answers as GET does without the body, on
/// every route the app maps for GET (pages, the API, the OpenAPI document, static files, health),
/// for anyone signed in or not. The routes come from the app's own endpoint list.
/// </summary>
[TestClass]
public sealed partial class HeadRequestTests
{
    [TestMethod]
    public async Task Every_get_route_answers_head_as_it_answers_get_without_a_body()
    {
        // On Kestrel, as monitors meet it: the test server would make up a length for every body.
        await using var portal = new PortalFactory().ServeOnKestrel();
        var paths = await GetRoutesAsync(portal);
        using var browser = await portal.CreateSignedInClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        using var api = await portal.CreateApiClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        using var anonymous = portal.CreateRawClient();
        var failures = new List<string>();

        foreach (var path in paths)
        {
            foreach (var (caller, client) in new[] { ("signed in", path.StartsWith("/api/", StringComparison.Ordinal) ? api : browser), ("anonymous", anonymous) })
            {
                using var get = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
                using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
                var body = await head.Content.ReadAsByteArrayAsync();
                if (Describe(get) != Describe(head) || body.Length > 0 || (LengthOf(head) is { } length && length != LengthOf(get)))
                {
                    failures.Add($"{caller} {path}: GET {Describe(get)} length {LengthOf(get)}, HEAD {Describe(head)} length {LengthOf(head)} with {body.Length} bytes of body");
                }
            }
        }

        Assert.IsGreaterThanOrEqualTo(30, paths.Count, "pages, API routes and static files are walked");
        Assert.IsEmpty(failures, string.Join('\n', failures));
    }

    [TestMethod]
    public async Task Head_of_the_sign_in_page_answers_the_page_not_a_redirect_to_itself()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var anonymous = portal.CreateRawClient();

        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, AuthFeature.SignInPath));

        Assert.AreEqual(HttpStatusCode.OK, head.StatusCode);
        Assert.AreEqual("text/html", head.Content.Headers.ContentType?.MediaType);
        Assert.IsEmpty(await head.Content.ReadAsByteArrayAsync());
    }

    [TestMethod]
    [DataRow("/robots.txt", "text/plain")]
    [DataRow("/openapi/v1.json", "application/json")]
    [DataRow("/health", "application/json")]
    public async Task Head_of_an_open_document_answers_200_to_anyone(string path, string mediaType)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var anonymous = portal.CreateRawClient();

        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.AreEqual(HttpStatusCode.OK, head.StatusCode, path);
        Assert.AreEqual(mediaType, head.Content.Headers.ContentType?.MediaType, path);
    }

    [TestMethod]
    public async Task Robots_are_told_to_stay_out_of_every_page_and_answer()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var anonymous = portal.CreateRawClient();

        var robots = await anonymous.GetStringAsync("/robots.txt");
        using var signIn = await anonymous.GetAsync(AuthFeature.SignInPath);
        using var apiAnswer = await anonymous.GetAsync("/api/users");

        StringAssert.Contains(robots, "User-agent: *\nDisallow: /");
        StringAssert.Contains(await signIn.Content.ReadAsStringAsync(), """<meta name="robots" content="noindex, nofollow">""");
        foreach (var response in new[] { signIn, apiAnswer })
        {
            Assert.AreEqual("noindex, nofollow", string.Join(", ", response.Headers.GetValues("X-Robots-Tag")), response.RequestMessage!.RequestUri!.ToString());
        }
    }

    // What HEAD must repeat of GET: the status, the type of the body, where a redirect points and
    // the validator a cache or monitor compares.
    private static string Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} location={response.Headers.Location} etag={response.Headers.ETag}";

    // The length the server sent, if it sent one (the client makes up 0 for every HEAD). A HEAD may
    // leave it out; if it gives one, it is GET's.
    private static string? LengthOf(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var length) ? length.ToString() : null;

    /// <summary>Every path mapped for GET, with its parameters naming entities that exist.</summary>
    private static async Task<List<string>> GetRoutesAsync(PortalFactory portal)
    {
        var user = await portal.AddUserAsync(new UserBuilder());
        var order = await portal.AddOrderAsync(user.Id, new OrderBuilder());
        var staffId = await portal.StaffIdAsync(PortalFactory.AdminEmail);

        return portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            // The circuit's hub answers only a WebSocket or its own negotiation.
            .Where(path => !path.StartsWith("/_blazor", StringComparison.Ordinal))
            .Select(path => Parameter().Replace(path, match => path switch
            {
                _ when path.StartsWith("/api/staff", StringComparison.Ordinal) => staffId,
                _ when path.Contains("users", StringComparison.Ordinal) => user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex("{[^}]+}")]
    private static partial Regex Parameter();
}
