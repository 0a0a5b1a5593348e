using System.Net;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Api;

/// <summary>docs/contract.md §6: a Viewer gets 403 on every write and changes nothing; Agents and Admins are served.</summary>
[TestClass]
public sealed class WriteAccessApiTests
{
    // {user} has no orders; {order} is a pending order of another user.
    private static readonly (string Method, string Route, string Template, string Body, HttpStatusCode Success)[] Writes =
    [
        ("POST", "/api/users", "/api/users", "{\"name\":\"New User\",\"email\":\"new@example.com\"}", HttpStatusCode.Created),
        ("PUT", "/api/users/{user}", "/api/users/{id:int}", "{\"name\":\"Renamed\",\"email\":\"free@example.com\",\"status\":\"suspended\"}", HttpStatusCode.OK),
        ("DELETE", "/api/users/{user}", "/api/users/{id:int}", "", HttpStatusCode.NoContent),
        ("POST", "/api/orders", "/api/orders", "{\"userId\":{user},\"amount\":19.99,\"currency\":\"EUR\"}", HttpStatusCode.Created),
        ("POST", "/api/orders/{order}/transitions", "/api/orders/{id:int}/transitions", "{\"to\":\"processing\"}", HttpStatusCode.OK),
    ];

    public static IEnumerable<object[]> WritesByRole() =>
        from write in Writes
        from role in StaffRoles.All
        select new object[] { write.Method, write.Route, role };

    [TestMethod]
    public async Task The_table_holds_every_write_route_of_users_and_orders()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;

        var served = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/users", StringComparison.Ordinal) || raw.StartsWith("/api/orders", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m != "GET").Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order().ToArray();

        CollectionAssert.AreEqual(Writes.Select(w => $"{w.Method} {w.Template}").Order().ToArray(), served, string.Join("; ", served));
    }

    [TestMethod]
    [DynamicData(nameof(WritesByRole))]
    public async Task Only_agents_and_admins_may_write(string method, string route, string role)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var user = await portal.AddUserAsync(new UserBuilder().WithEmail("free@example.com"));
        var customer = await portal.AddUserAsync(new UserBuilder());
        var order = await portal.AddOrderAsync(customer.Id, new OrderBuilder());
        var write = Writes.Single(w => w.Method == method && w.Route == route);
        string Fill(string text) => text.Replace("{user}", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{order}", order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var api = await ApiClient.WithRoleAsync(portal, role);
        var before = await portal.SnapshotAsync();

        var response = await api.SendAsync(
            new HttpMethod(method), Fill(route),
            write.Body.Length == 0 ? null : new StringContent(Fill(write.Body), System.Text.Encoding.UTF8, "application/json"));

        if (role == StaffRoles.Viewer)
        {
            response.Problem(HttpStatusCode.Forbidden);
            (await portal.SnapshotAsync()).AssertUnchangedSince(before, $"Viewer {method} {route}");
        }
        else
        {
            response.Is(write.Success);
        }
    }

    [TestMethod]
    public async Task A_viewer_reads_every_list_and_resource()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var user = await portal.AddUserAsync(new UserBuilder());
        var order = await portal.AddOrderAsync(user.Id, new OrderBuilder());
        using var viewer = await ApiClient.WithRoleAsync(portal, StaffRoles.Viewer);

        foreach (var path in new[]
                 {
                     "/api/users", $"/api/users/{user.Id}", "/api/orders", $"/api/orders/{order.Id}",
                     $"/api/orders/{order.Id}/history", $"/api/orders/{order.Id}/payments", "/api/orders/export.csv",
                 })
        {
            (await viewer.GetAsync(path)).Is(HttpStatusCode.OK);
        }
    }
}
