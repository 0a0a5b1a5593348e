using System.Net;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Features.Audit;

/// <summary><c>GET /api/audit</c>: Admins only, newest first, filtered and paged like every list.</summary>
[TestClass]
public sealed class AuditApiTests
{
    [TestMethod]
    [DataRow(StaffRoles.Viewer)]
    [DataRow(StaffRoles.Agent)]
    public async Task Staff_without_the_admin_role_are_refused(string role)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var member = await ApiClient.WithRoleAsync(portal, role);
        using var anonymous = new ApiClient(portal.CreateRawClient());

        (await member.GetAsync("/api/audit")).Problem(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync("/api/audit")).Problem(HttpStatusCode.Unauthorized);
    }

    [TestMethod]
    public async Task Entries_come_newest_first_and_each_filter_narrows_them()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);
        var agentEmail = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var agent = await ApiClient.StaffAsync(portal, agentEmail);
        var ann = await admin.CreateUserAsync("Ann", "ann@example.com");
        var bo = await agent.CreateUserAsync("Bo", "bo@example.com");
        (await agent.PutAsync($"/api/users/{bo.Id}", new { name = "Bo", email = "bo@example.com", status = "suspended" })).Is(HttpStatusCode.OK);

        var all = await ActionsAsync(admin, "");
        var byAgent = await ActionsAsync(admin, $"actor={Uri.EscapeDataString(agentEmail.ToUpperInvariant())}");
        var created = await ActionsAsync(admin, "action=user.created");
        var aboutBo = await ActionsAsync(admin, $"entity=user&entityId={bo.Id}");
        var signIns = await ActionsAsync(admin, "entity=auth");
        var none = await ActionsAsync(admin, "from=2000-01-01&to=2000-01-02");
        var firstPage = (await admin.GetAsync("/api/audit?pageSize=2")).Is(HttpStatusCode.OK).Body;

        Assert.AreEqual("user.suspended", all[0], "newest first");
        CollectionAssert.AreEqual(new[] { "user.suspended", "user.created", "auth.signed_in" }, byAgent, "the agent's token, then the agent's two writes; the actor in any case");
        CollectionAssert.AreEqual(new[] { "user.created", "user.created" }, created);
        CollectionAssert.AreEqual(new[] { "user.suspended", "user.created" }, aboutBo);
        Assert.IsTrue(signIns.All(a => a.StartsWith("auth.", StringComparison.Ordinal)) && signIns.Length >= 2);
        Assert.IsEmpty(none);
        Assert.AreEqual((2, all.Length), (firstPage.GetProperty("items").GetArrayLength(), firstPage.GetProperty("totalCount").GetInt32()));
        Assert.IsGreaterThan(0, ann.Id);
    }

    [TestMethod]
    [DataRow("action=user.renamed", "action")]
    [DataRow("entity=customer", "entity")]
    [DataRow("from=2026-02-01&to=2026-01-01", "from")]
    [DataRow("from=yesterday", "from")]
    [DataRow("pageSize=101", "pageSize")]
    [DataRow("page=0", "page")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);

        (await admin.GetAsync($"/api/audit?{query}")).Problem(HttpStatusCode.BadRequest, field);
    }

    private static async Task<string[]> ActionsAsync(ApiClient admin, string query) =>
        [.. (await admin.GetAsync($"/api/audit?pageSize=100&{query}")).Is(HttpStatusCode.OK).Body.GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()!)];
}
