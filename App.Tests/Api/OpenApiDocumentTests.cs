using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json must describe the API that is actually served: every
/// route and method, their parameters and bodies, the bearer scheme, and every status code the
/// API answers (docs/contract.md §7). The routes come from the app's own endpoint list, so a new route that
/// is not documented fails here.
/// </summary>
[TestClass]
public sealed partial class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [TestMethod]
    public async Task The_document_is_open_to_anyone_and_is_openapi_3()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var client = portal.CreateRawClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        StringAssert.StartsWith(document.RootElement.GetProperty("openapi").GetString(), "3.");
    }

    [TestMethod]
    public async Task Every_api_route_and_method_served_is_documented_and_nothing_else()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var document = await DocumentAsync(portal);

        var served = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .Distinct().Order().ToArray();
        var documented = Operations(document).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").Order().ToArray();

        Assert.IsGreaterThanOrEqualTo(16, served.Length, "users, orders, staff and auth routes are served");
        CollectionAssert.AreEqual(served, documented, $"served: {string.Join("; ", served)}\ndocumented: {string.Join("; ", documented)}");
    }

    [TestMethod]
    public async Task Every_operation_but_the_token_endpoint_requires_the_bearer_scheme()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var document = await DocumentAsync(portal);

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.AreEqual(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        foreach (var operation in Operations(document))
        {
            var secured = operation.Body.TryGetProperty("security", out var security) &&
                          security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _));
            Assert.AreEqual(operation.Path != "/api/auth/token", secured, $"{operation.Method} {operation.Path}");
        }
    }

    [TestMethod]
    public async Task Every_operation_documents_the_statuses_its_kind_can_answer()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var document = await DocumentAsync(portal);

        foreach (var operation in Operations(document).Where(o => o.Path.StartsWith("/api/users", StringComparison.Ordinal) || o.Path.StartsWith("/api/orders", StringComparison.Ordinal)))
        {
            var statuses = Statuses(operation.Body);
            var name = $"{operation.Method} {operation.Path}";
            Assert.IsTrue(statuses.Contains("401"), $"{name} documents 401");
            Assert.IsTrue(statuses.Any(s => s.StartsWith('2')), $"{name} documents its success");
            if (operation.Method != "get")
            {
                Assert.IsTrue(statuses.Contains("403"), $"{name}: a Viewer's write is documented as 403");
            }

            if (operation.Path.Contains("{id}", StringComparison.Ordinal))
            {
                Assert.IsTrue(statuses.Contains("404"), $"{name} documents 404");
            }

            if (operation.Body.TryGetProperty("requestBody", out var body))
            {
                Assert.IsTrue(body.GetProperty("content").TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out _), $"{name} documents its body");
                CollectionAssert.IsSubsetOf(new[] { "400", "413", "415" }, statuses.ToArray(), $"{name}: a body can be malformed, too large or not JSON");
            }

            if (Parameters(operation.Body).Any(p => p.Name == "If-Match" && p.In == "header"))
            {
                Assert.IsTrue(statuses.Contains("412"), $"{name}: a stale If-Match is documented as 412");
            }

            if (Parameters(operation.Body).Any(p => p.In == "query"))
            {
                Assert.IsTrue(statuses.Contains("400"), $"{name}: bad query values are documented as 400");
            }
        }
    }

    [TestMethod]
    public async Task Bodies_and_list_parameters_are_documented_with_their_types()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var document = await DocumentAsync(portal);
        var operations = Operations(document).ToDictionary(o => $"{o.Method} {o.Path}");

        foreach (var (operation, parameters) in new Dictionary<string, string[]>
                 {
                     ["get /api/users"] = ["search:string", "status:string", "sort:string", "page:integer", "pageSize:integer"],
                     ["get /api/orders"] = ["status:string", "userId:integer", "customer:string", "from:string", "to:string", "sort:string", "page:integer", "pageSize:integer"],
                     ["get /api/orders/export.csv"] = ["status:string", "userId:integer", "customer:string", "from:string", "to:string", "sort:string"],
                     ["put /api/users/{id}"] = ["id:integer", "If-Match:string"],
                     ["delete /api/users/{id}"] = ["id:integer", "If-Match:string"],
                     ["post /api/orders/{id}/transitions"] = ["id:integer", "If-Match:string"],
                 })
        {
            var documented = Parameters(operations[operation].Body).Select(p => $"{p.Name}:{p.Type}").ToArray();
            CollectionAssert.AreEquivalent(parameters, documented, operation);
        }

        var statusEnum = Parameters(operations["get /api/orders"].Body).Single(p => p.Name == "status").Schema.GetProperty("enum");
        CollectionAssert.AreEqual(new[] { "pending", "processing", "shipped", "delivered", "cancelled" }, statusEnum.EnumerateArray().Select(e => e.GetString()).ToArray());
        foreach (var (operation, schema) in new[]
                 {
                     ("post /api/users", "NewUser"), ("put /api/users/{id}", "UserChange"),
                     ("post /api/orders", "NewOrder"), ("post /api/orders/{id}/transitions", "TransitionRequest"),
                 })
        {
            var reference = operations[operation].Body.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
            Assert.AreEqual($"#/components/schemas/{schema}", reference, operation);
        }
    }

    [TestMethod]
    public async Task Problems_and_headers_a_client_acts_on_are_documented()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var document = await DocumentAsync(portal);
        var operations = Operations(document).ToDictionary(o => $"{o.Method} {o.Path}");
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var transition = operations["post /api/orders/{id}/transitions"].Body.GetProperty("responses");

        Assert.IsTrue(schemas.GetProperty(SchemaOf(transition, "402")).GetProperty("properties").TryGetProperty("declineCode", out _), "a declined charge names its decline code");
        var conflict = schemas.GetProperty(SchemaOf(transition, "409")).GetProperty("properties");
        Assert.IsTrue(conflict.TryGetProperty("current", out _) && conflict.TryGetProperty("allowed", out _), "a refused move names the status and the allowed ones");
        foreach (var (operation, status, header) in new[]
                 {
                     ("get /api/orders/{id}", "200", "ETag"), ("post /api/orders/{id}/transitions", "200", "ETag"),
                     ("put /api/users/{id}", "200", "ETag"), ("post /api/users", "201", "Location"), ("post /api/orders", "201", "ETag"),
                     ("get /api/orders", "503", "Retry-After"), ("post /api/auth/token", "429", "Retry-After"),
                 })
        {
            var response = operations[operation].Body.GetProperty("responses").GetProperty(status);
            Assert.IsTrue(response.TryGetProperty("headers", out var headers) && headers.TryGetProperty(header, out _), $"{operation} {status} documents {header}");
        }

        var token = operations["post /api/auth/token"].Body.GetProperty("security");
        Assert.IsTrue(token.GetArrayLength() == 1 && !token[0].EnumerateObject().Any(), "the token route says it needs no authentication: " + token.GetRawText());
        Assert.AreEqual("/", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString(), "the API is where the document is");
        var tags = document.RootElement.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("description").GetString());
        CollectionAssert.AreEquivalent(new[] { "Auth", "Staff", "Users", "Orders", "Audit" }, tags.Keys.ToArray());
        Assert.IsTrue(tags.Values.All(d => !string.IsNullOrWhiteSpace(d)), "every tag says what it holds");

        static string SchemaOf(JsonElement responses, string status) =>
            responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1];
    }

    [TestMethod]
    public async Task The_document_and_the_answers_agree_both_ways()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var document = await DocumentAsync(portal);
        var observed = (await ObserveAsync(portal)).Select(o => $"{o.Method} {o.Path} {o.Status}").ToHashSet(StringComparer.Ordinal);
        var documented = Operations(document)
            .SelectMany(o => Statuses(o.Body).Select(status => $"{o.Method} {o.Path} {status}"))
            .ToHashSet(StringComparer.Ordinal);

        var undocumented = observed.Except(documented).Order().ToList();
        var unanswered = documented.Except(observed).Where(d => !ProvokedElsewhere(d)).Order().ToList();

        Assert.IsEmpty(undocumented, "answered but not documented: " + string.Join("; ", undocumented));
        Assert.IsEmpty(unanswered, "documented but never answered: " + string.Join("; ", unanswered));
    }

    // An outage and a flood of sign-ins take a test of their own: DatabaseOutageTests answers 503
    // on every route (and checks each documents it), TokenTests throttles the token route with 429.
    private static bool ProvokedElsewhere(string documented) =>
        documented.EndsWith(" 503", StringComparison.Ordinal) || documented == "post /api/auth/token 429";

    /// <summary>
    /// Sends a representative request for every success and listed error of every API route, checks
    /// each answered as expected, and returns what was answered, per operation.
    /// </summary>
    private static async Task<List<(string Method, string Path, int Status)>> ObserveAsync(PortalFactory portal)
    {
        var observed = new List<(string Method, string Path, int Status)>();
        using var admin = await ApiClient.AdminAsync(portal);
        using var viewer = await ApiClient.WithRoleAsync(portal, StaffRoles.Viewer);
        using var anonymous = new ApiClient(portal.CreateRawClient());

        async Task<ApiResponse> Expect(string method, string path, HttpStatusCode status, Task<ApiResponse> call)
        {
            var response = (await call).Is(status);
            observed.Add((method, path, (int)status));
            return response;
        }

        var bodyErrors = new (string ContentType, string Body, HttpStatusCode Status)[]
        {
            ("application/json", "{", HttpStatusCode.BadRequest),
            ("application/json", $"\"{new string('x', 70_000)}\"", HttpStatusCode.RequestEntityTooLarge),
            ("text/plain", "{}", HttpStatusCode.UnsupportedMediaType),
        };

        // Users.
        var user = await Expect("post", "/api/users", HttpStatusCode.Created, admin.PostAsync("/api/users", new { name = "Ann", email = "ann@example.com" }));
        await Expect("post", "/api/users", HttpStatusCode.Conflict, admin.PostAsync("/api/users", new { name = "Ann", email = "ann@example.com" }));
        await Expect("post", "/api/users", HttpStatusCode.Forbidden, viewer.PostAsync("/api/users", new { name = "Ann", email = "v@example.com" }));
        await Expect("post", "/api/users", HttpStatusCode.Unauthorized, anonymous.PostAsync("/api/users", new { name = "Ann", email = "v@example.com" }));
        foreach (var (type, body, status) in bodyErrors)
        {
            await Expect("post", "/api/users", status, admin.SendRawAsync(HttpMethod.Post, "/api/users", System.Text.Encoding.UTF8.GetBytes(body), type));
            await Expect("put", "/api/users/{id}", status, admin.SendRawAsync(HttpMethod.Put, $"/api/users/{user.Id}", System.Text.Encoding.UTF8.GetBytes(body), type));
            await Expect("post", "/api/orders", status, admin.SendRawAsync(HttpMethod.Post, "/api/orders", System.Text.Encoding.UTF8.GetBytes(body), type));
            await Expect("post", "/api/orders/{id}/transitions", status, admin.SendRawAsync(HttpMethod.Post, "/api/orders/1/transitions", System.Text.Encoding.UTF8.GetBytes(body), type));
        }

        await Expect("get", "/api/users/{id}", HttpStatusCode.OK, viewer.GetAsync($"/api/users/{user.Id}"));
        await Expect("get", "/api/users/{id}", HttpStatusCode.NotFound, viewer.GetAsync("/api/users/999"));
        await Expect("get", "/api/users/{id}", HttpStatusCode.Unauthorized, anonymous.GetAsync("/api/users/1"));
        await Expect("get", "/api/users", HttpStatusCode.OK, viewer.GetAsync("/api/users?sort=-email&page=1&pageSize=5"));
        await Expect("get", "/api/users", HttpStatusCode.BadRequest, viewer.GetAsync("/api/users?pageSize=101"));
        await Expect("get", "/api/users", HttpStatusCode.Unauthorized, anonymous.GetAsync("/api/users"));
        var change = new { name = "Ann Lee", email = "ann@example.com", status = "active" };
        await Expect("put", "/api/users/{id}", HttpStatusCode.OK, admin.PutAsync($"/api/users/{user.Id}", change, user.ETag));
        await Expect("put", "/api/users/{id}", HttpStatusCode.PreconditionFailed, admin.PutAsync($"/api/users/{user.Id}", change, user.ETag));
        await Expect("put", "/api/users/{id}", HttpStatusCode.NotFound, admin.PutAsync("/api/users/999", change));
        await Expect("put", "/api/users/{id}", HttpStatusCode.Forbidden, viewer.PutAsync($"/api/users/{user.Id}", change));
        await Expect("put", "/api/users/{id}", HttpStatusCode.Unauthorized, anonymous.PutAsync($"/api/users/{user.Id}", change));
        var other = await admin.CreateUserAsync("Bob", "bob@example.com");
        await Expect("put", "/api/users/{id}", HttpStatusCode.Conflict, admin.PutAsync($"/api/users/{other.Id}", change));

        // Orders.
        var order = await Expect("post", "/api/orders", HttpStatusCode.Created, admin.PostAsync("/api/orders", new { userId = user.Id, amount = 30m }));
        await Expect("post", "/api/orders", HttpStatusCode.BadRequest, admin.PostAsync("/api/orders", new { userId = 999, amount = 30m }));
        await Expect("post", "/api/orders", HttpStatusCode.Forbidden, viewer.PostAsync("/api/orders", new { userId = user.Id, amount = 30m }));
        await Expect("post", "/api/orders", HttpStatusCode.Unauthorized, anonymous.PostAsync("/api/orders", new { userId = user.Id, amount = 30m }));
        var suspended = await portal.AddUserAsync(new UserBuilder().Suspended());
        await Expect("post", "/api/orders", HttpStatusCode.Conflict, admin.PostAsync("/api/orders", new { userId = suspended.Id, amount = 30m }));
        await Expect("get", "/api/orders/{id}", HttpStatusCode.OK, viewer.GetAsync($"/api/orders/{order.Id}"));
        await Expect("get", "/api/orders/{id}", HttpStatusCode.NotFound, viewer.GetAsync("/api/orders/999"));
        await Expect("get", "/api/orders/{id}", HttpStatusCode.Unauthorized, anonymous.GetAsync("/api/orders/1"));
        await Expect("get", "/api/orders", HttpStatusCode.OK, viewer.GetAsync("/api/orders?status=pending&sort=amount"));
        await Expect("get", "/api/orders", HttpStatusCode.BadRequest, viewer.GetAsync("/api/orders?from=2026-02-01&to=2026-01-01"));
        await Expect("get", "/api/orders", HttpStatusCode.Unauthorized, anonymous.GetAsync("/api/orders"));
        await Expect("get", "/api/orders/export.csv", HttpStatusCode.OK, viewer.GetAsync("/api/orders/export.csv?status=pending"));
        await Expect("get", "/api/orders/export.csv", HttpStatusCode.BadRequest, viewer.GetAsync("/api/orders/export.csv?status=lost"));
        await Expect("get", "/api/orders/export.csv", HttpStatusCode.Unauthorized, anonymous.GetAsync("/api/orders/export.csv"));

        // Transitions, history and payments.
        var declined = await admin.CreateOrderAsync(user.Id, 10.51m);
        var unavailable = await admin.CreateOrderAsync(user.Id, 10.52m);
        await Expect("post", "/api/orders/{id}/transitions", HttpStatusCode.PaymentRequired, admin.MoveAsync(declined.Id, "processing"));
        await Expect("post", "/api/orders/{id}/transitions", HttpStatusCode.ServiceUnavailable, admin.MoveAsync(unavailable.Id, "processing"));
        await Expect("post", "/api/orders/{id}/transitions", HttpStatusCode.PreconditionFailed, admin.MoveAsync(order.Id, "processing", ifMatch: "\"9\""));
        await Expect("post", "/api/orders/{id}/transitions", HttpStatusCode.OK, admin.MoveAsync(order.Id, "processing", ifMatch: order.ETag));
        await Expect("post", "/api/orders/{id}/transitions", HttpStatusCode.Conflict, admin.MoveAsync(order.Id, "delivered"));
        await Expect("post", "/api/orders/{id}/transitions", HttpStatusCode.NotFound, admin.MoveAsync(999, "processing"));
        await Expect("post", "/api/orders/{id}/transitions", HttpStatusCode.Forbidden, viewer.MoveAsync(order.Id, "shipped"));
        await Expect("post", "/api/orders/{id}/transitions", HttpStatusCode.Unauthorized, anonymous.MoveAsync(order.Id, "shipped"));
        foreach (var sub in new[] { "history", "payments" })
        {
            await Expect("get", $"/api/orders/{{id}}/{sub}", HttpStatusCode.OK, viewer.GetAsync($"/api/orders/{order.Id}/{sub}"));
            await Expect("get", $"/api/orders/{{id}}/{sub}", HttpStatusCode.NotFound, viewer.GetAsync($"/api/orders/999/{sub}"));
            await Expect("get", $"/api/orders/{{id}}/{sub}", HttpStatusCode.Unauthorized, anonymous.GetAsync($"/api/orders/1/{sub}"));
        }

        // Staff (Admin only) and the token route.
        var agent = await Expect("post", "/api/staff", HttpStatusCode.Created, admin.PostAsync("/api/staff", new { email = "agent.one@example.com", password = "Agent-Pass-1!", role = "agent" }));
        var agentId = agent.String("id");
        var adminId = (await admin.GetAsync("/api/staff")).Body.EnumerateArray().Single(s => s.GetProperty("email").GetString() == PortalFactory.AdminEmail).GetProperty("id").GetString();
        await Expect("post", "/api/staff", HttpStatusCode.Conflict, admin.PostAsync("/api/staff", new { email = "agent.one@example.com", password = "Agent-Pass-1!", role = "agent" }));
        await Expect("post", "/api/staff", HttpStatusCode.BadRequest, admin.PostAsync("/api/staff", new { email = "not-an-email", password = "Agent-Pass-1!", role = "agent" }));
        await Expect("post", "/api/staff", HttpStatusCode.Forbidden, viewer.PostAsync("/api/staff", new { email = "v.two@example.com", password = "Agent-Pass-1!", role = "agent" }));
        await Expect("post", "/api/staff", HttpStatusCode.Unauthorized, anonymous.PostAsync("/api/staff", new { email = "v.two@example.com", password = "Agent-Pass-1!", role = "agent" }));
        await Expect("get", "/api/staff", HttpStatusCode.OK, admin.GetAsync("/api/staff"));
        await Expect("get", "/api/staff", HttpStatusCode.Forbidden, viewer.GetAsync("/api/staff"));
        await Expect("get", "/api/staff", HttpStatusCode.Unauthorized, anonymous.GetAsync("/api/staff"));
        await Expect("get", "/api/staff/{id}", HttpStatusCode.OK, admin.GetAsync($"/api/staff/{agentId}"));
        await Expect("get", "/api/staff/{id}", HttpStatusCode.NotFound, admin.GetAsync("/api/staff/no-such-member"));
        await Expect("get", "/api/staff/{id}", HttpStatusCode.Forbidden, viewer.GetAsync($"/api/staff/{agentId}"));
        await Expect("get", "/api/staff/{id}", HttpStatusCode.Unauthorized, anonymous.GetAsync($"/api/staff/{agentId}"));
        await Expect("put", "/api/staff/{id}", HttpStatusCode.OK, admin.PutAsync($"/api/staff/{agentId}", new { role = "viewer", disabled = false }));
        await Expect("put", "/api/staff/{id}", HttpStatusCode.BadRequest, admin.PutAsync($"/api/staff/{agentId}", new { role = "owner", disabled = false }));
        await Expect("put", "/api/staff/{id}", HttpStatusCode.NotFound, admin.PutAsync("/api/staff/no-such-member", new { role = "viewer", disabled = false }));
        await Expect("put", "/api/staff/{id}", HttpStatusCode.Conflict, admin.PutAsync($"/api/staff/{adminId}", new { role = "agent", disabled = false }));
        await Expect("put", "/api/staff/{id}", HttpStatusCode.Forbidden, viewer.PutAsync($"/api/staff/{agentId}", new { role = "admin", disabled = false }));
        await Expect("put", "/api/staff/{id}", HttpStatusCode.Unauthorized, anonymous.PutAsync($"/api/staff/{agentId}", new { role = "admin", disabled = false }));
        foreach (var (type, body, status) in bodyErrors)
        {
            await Expect("post", "/api/staff", status, admin.SendRawAsync(HttpMethod.Post, "/api/staff", System.Text.Encoding.UTF8.GetBytes(body), type));
            await Expect("put", "/api/staff/{id}", status, admin.SendRawAsync(HttpMethod.Put, $"/api/staff/{agentId}", System.Text.Encoding.UTF8.GetBytes(body), type));
            await Expect("post", "/api/auth/token", status, anonymous.SendRawAsync(HttpMethod.Post, "/api/auth/token", System.Text.Encoding.UTF8.GetBytes(body), type));
        }

        await Expect("post", "/api/auth/token", HttpStatusCode.OK, anonymous.PostAsync("/api/auth/token", new { email = PortalFactory.AdminEmail, password = PortalFactory.AdminPassword }));
        await Expect("post", "/api/auth/token", HttpStatusCode.Unauthorized, anonymous.PostAsync("/api/auth/token", new { email = PortalFactory.AdminEmail, password = "Wrong-Pass-1!" }));
        await Expect("post", "/api/auth/token", HttpStatusCode.BadRequest, anonymous.PostAsync("/api/auth/token", new { email = "" }));

        await Expect("post", "/api/staff/{id}/mfa/reset", HttpStatusCode.OK, admin.PostAsync($"/api/staff/{agentId}/mfa/reset", new { }));
        await Expect("post", "/api/staff/{id}/mfa/reset", HttpStatusCode.NotFound, admin.PostAsync("/api/staff/no-such-member/mfa/reset", new { }));
        await Expect("post", "/api/staff/{id}/mfa/reset", HttpStatusCode.Forbidden, viewer.PostAsync($"/api/staff/{agentId}/mfa/reset", new { }));
        await Expect("post", "/api/staff/{id}/mfa/reset", HttpStatusCode.Unauthorized, anonymous.PostAsync($"/api/staff/{agentId}/mfa/reset", new { }));

        // The audit trail (Admin only).
        await Expect("get", "/api/audit", HttpStatusCode.OK, admin.GetAsync("/api/audit?entity=user&pageSize=5"));
        await Expect("get", "/api/audit", HttpStatusCode.BadRequest, admin.GetAsync("/api/audit?action=nothing"));
        await Expect("get", "/api/audit", HttpStatusCode.Forbidden, viewer.GetAsync("/api/audit"));
        await Expect("get", "/api/audit", HttpStatusCode.Unauthorized, anonymous.GetAsync("/api/audit"));

        // Deletes last: the user with orders is refused, the one without goes.
        await Expect("delete", "/api/users/{id}", HttpStatusCode.Conflict, admin.DeleteAsync($"/api/users/{user.Id}"));
        await Expect("delete", "/api/users/{id}", HttpStatusCode.PreconditionFailed, admin.DeleteAsync($"/api/users/{other.Id}", "\"5\", \"7\""));
        await Expect("delete", "/api/users/{id}", HttpStatusCode.BadRequest, admin.DeleteAsync($"/api/users/{other.Id}", "version-1"));
        await Expect("delete", "/api/users/{id}", HttpStatusCode.Forbidden, viewer.DeleteAsync($"/api/users/{other.Id}"));
        await Expect("delete", "/api/users/{id}", HttpStatusCode.Unauthorized, anonymous.DeleteAsync($"/api/users/{other.Id}"));
        await Expect("delete", "/api/users/{id}", HttpStatusCode.NoContent, admin.DeleteAsync($"/api/users/{other.Id}", other.ETag));
        await Expect("delete", "/api/users/{id}", HttpStatusCode.NotFound, admin.DeleteAsync($"/api/users/{other.Id}"));
        return observed;
    }

    private static async Task<JsonDocument> DocumentAsync(PortalFactory portal)
    {
        using var client = portal.CreateRawClient();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
    }

    private static IEnumerable<(string Method, string Path, JsonElement Body)> Operations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(op => Methods.Contains(op.Name)).Select(op => (op.Name, path.Name, op.Value)));

    private static HashSet<string> Statuses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(string Name, string In, string Type, JsonElement Schema)> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(p =>
            {
                var schema = p.GetProperty("schema");
                var type = schema.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.Array ? t[0].GetString()! : t.GetString()! : "";
                return (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, type, schema);
            })
            : [];

    // "/api/users/{id:int}" is documented as "/api/users/{id}".
    private static string Normalise(string route) => RouteConstraint().Replace(route, "{$1}").TrimEnd('/');

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteConstraint();
}
