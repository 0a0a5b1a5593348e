using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Features.Staff;

[TestClass]
public sealed class StaffApiTests
{
    public static IEnumerable<object[]> StaffRoutes() =>
    [
        ["GET", "/api/staff", null!],
        ["POST", "/api/staff", new { email = "new@example.com", password = "New-Pass-1!", role = "agent" }],
        ["PUT", "/api/staff/{admin}", new { role = "admin", disabled = false }],
        ["GET", "/api/staff/{admin}", null!],
    ];

    [TestMethod]
    [DynamicData(nameof(StaffRoutes))]
    public async Task Viewers_and_agents_get_403_and_admins_are_served(string method, string route, object? body)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var path = route.Replace("{admin}", await portal.StaffIdAsync(PortalFactory.AdminEmail), StringComparison.Ordinal);

        foreach (var role in new[] { StaffRoles.Viewer, StaffRoles.Agent })
        {
            using var api = await portal.CreateApiClientAsync(await portal.CreateStaffAsync(role), PortalFactory.StaffPassword);
            using var refused = await SendAsync(api, method, path, body);
            Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode, $"{role}: {method} {path}");
            Assert.AreEqual("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        using var admin = await portal.CreateApiClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        using var served = await SendAsync(admin, method, path, body);
        Assert.IsTrue(served.IsSuccessStatusCode, $"Admin: {method} {path} answered {served.StatusCode}");
    }

    [TestMethod]
    public async Task An_admin_creates_a_member_who_can_then_get_a_token()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await AdminAsync(portal);

        using var response = await admin.PostAsJsonAsync("/api/staff", new { email = " Casey@Example.com ", password = "Casey-Pass-1!", role = "Viewer" });

        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString();
        Assert.AreEqual($"/api/staff/{id}", response.Headers.Location!.OriginalString);
        Assert.AreEqual("casey@example.com", body.RootElement.GetProperty("email").GetString());
        Assert.AreEqual("viewer", body.RootElement.GetProperty("role").GetString());
        Assert.IsFalse(body.RootElement.GetProperty("disabled").GetBoolean());
        Assert.IsFalse(body.RootElement.TryGetProperty("password", out _), "a password is never sent back");
        Assert.IsFalse(string.IsNullOrEmpty(await portal.TokenAsync("casey@example.com", "Casey-Pass-1!")));
    }

    [TestMethod]
    [DataRow("not-an-email", "Casey-Pass-1!", "agent", "email")]
    [DataRow("casey@example.com", "short", "agent", "password")]
    [DataRow("casey@example.com", "", "agent", "password")]
    [DataRow("casey@example.com", "Casey-Pass-1!", "owner", "role")]
    [DataRow("casey@example.com", "Casey-Pass-1!", null, "role")]
    public async Task Bad_input_gets_400_naming_the_field_and_creates_nobody(string email, string password, string? role, string field)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await AdminAsync(portal);

        using var response = await admin.PostAsJsonAsync("/api/staff", new { email, password, role });

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.IsTrue(body.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}");
        Assert.HasCount(1, await ListAsync(admin));
    }

    [TestMethod]
    public async Task A_duplicate_email_gets_409()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await AdminAsync(portal);

        using var response = await admin.PostAsJsonAsync("/api/staff", new { email = "ADMIN@example.com", password = "Other-Pass-1!", role = "agent" });

        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [TestMethod]
    public async Task An_admin_changes_a_role_and_disables_and_enables_a_member()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await AdminAsync(portal);
        var email = await portal.CreateStaffAsync(StaffRoles.Viewer);
        var id = await portal.StaffIdAsync(email);

        using var promoted = await admin.PutAsJsonAsync($"/api/staff/{id}", new { role = "agent" });
        using var disabled = await admin.PutAsJsonAsync($"/api/staff/{id}", new { disabled = true });
        using var enabled = await admin.PutAsJsonAsync($"/api/staff/{id}", new { disabled = false });

        Assert.AreEqual("agent", await RoleAsync(promoted));
        Assert.IsTrue(await DisabledAsync(disabled));
        Assert.IsFalse(await DisabledAsync(enabled));
        Assert.AreEqual("agent", await RoleAsync(enabled));
    }

    [TestMethod]
    public async Task An_unknown_member_gets_404()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await AdminAsync(portal);

        using var response = await admin.PutAsJsonAsync("/api/staff/no-such-id", new { role = "agent" });

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [TestMethod]
    [DataRow("{\"role\":\"agent\"}")]
    [DataRow("{\"disabled\":true}")]
    [DataRow("{\"role\":\"viewer\",\"disabled\":true}")]
    public async Task The_last_active_admin_cannot_be_demoted_or_disabled(string change)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await AdminAsync(portal);
        var adminId = await portal.StaffIdAsync(PortalFactory.AdminEmail);

        using var response = await admin.PutAsync($"/api/staff/{adminId}", new StringContent(change, System.Text.Encoding.UTF8, "application/json"));

        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual(StaffService.LastAdmin, body.RootElement.GetProperty("detail").GetString());
        var list = await ListAsync(admin);
        Assert.AreEqual(("admin", false), (list[0].GetProperty("role").GetString(), list[0].GetProperty("disabled").GetBoolean()));
    }

    [TestMethod]
    public async Task With_a_second_active_admin_the_first_may_step_down()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await AdminAsync(portal);
        await portal.CreateStaffAsync(StaffRoles.Admin);
        var adminId = await portal.StaffIdAsync(PortalFactory.AdminEmail);

        using var response = await admin.PutAsJsonAsync($"/api/staff/{adminId}", new { role = "agent" });

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [TestMethod]
    public async Task A_disabled_admin_does_not_count_as_the_remaining_admin()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await AdminAsync(portal);
        var second = await portal.CreateStaffAsync(StaffRoles.Admin);
        using var disableSecond = await admin.PutAsJsonAsync($"/api/staff/{await portal.StaffIdAsync(second)}", new { disabled = true });

        using var response = await admin.PutAsJsonAsync($"/api/staff/{await portal.StaffIdAsync(PortalFactory.AdminEmail)}", new { disabled = true });

        Assert.AreEqual(HttpStatusCode.OK, disableSecond.StatusCode);
        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode);
    }

    private static Task<HttpClient> AdminAsync(PortalFactory portal) =>
        portal.CreateApiClientAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);

    private static async Task<List<JsonElement>> ListAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<List<JsonElement>>("/api/staff"))!;

    private static async Task<string?> RoleAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("role").GetString();

    private static async Task<bool> DisabledAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("disabled").GetBoolean();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, object? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }
}
