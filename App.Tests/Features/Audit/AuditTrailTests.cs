using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Features.Audit;

/// <summary>
/// Every audited action, through the real pipeline, writes one entry naming who did it and what
/// changed, in the transaction of its write: a write that is refused leaves none.
/// </summary>
[TestClass]
public sealed class AuditTrailTests
{
    [TestMethod]
    public async Task Each_change_of_a_user_is_one_entry_with_what_it_changed()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);

        var user = await admin.CreateUserAsync("Ann Lee", "ann@example.com");
        var renamed = (await admin.PutAsync($"/api/users/{user.Id}", new { name = "Ann Smith", email = "ann@example.com", status = "active" })).Is(HttpStatusCode.OK);
        var suspended = (await admin.PutAsync($"/api/users/{user.Id}", new { name = "Ann Smith", email = "ann@example.com", status = "suspended" })).Is(HttpStatusCode.OK);
        (await admin.PutAsync($"/api/users/{user.Id}", new { name = "Ann Smith", email = "ann@example.com", status = "active" })).Is(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/users/{user.Id}")).Is(HttpStatusCode.NoContent);

        var entries = await EntriesAsync(admin, $"entity=user&entityId={user.Id}");
        CollectionAssert.AreEqual(
            new[]
            {
                """user.created {"name":{"from":null,"to":"Ann Lee"},"email":{"from":null,"to":"ann@example.com"},"status":{"from":null,"to":"active"}}""",
                """user.updated {"name":{"from":"Ann Lee","to":"Ann Smith"}}""",
                """user.suspended {"status":{"from":"active","to":"suspended"}}""",
                """user.activated {"status":{"from":"suspended","to":"active"}}""",
                """user.deleted {"name":{"from":"Ann Smith","to":null},"email":{"from":"ann@example.com","to":null},"status":{"from":"active","to":null}}""",
            },
            entries.Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("changes").GetRawText()}").Reverse().ToArray());
        Assert.IsTrue(entries.All(e => e.GetProperty("actor").GetString() == PortalFactory.AdminEmail), "each names who made it");
        Assert.IsNotNull(renamed.ETag);
        Assert.IsNotNull(suspended.ETag);
    }

    [TestMethod]
    public async Task Creating_and_moving_an_order_are_entries_of_the_order()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);
        var agentEmail = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var agent = await ApiClient.StaffAsync(portal, agentEmail);
        var order = await agent.CreateOrderAsync((await admin.CreateUserAsync()).Id, 30.00m, "EUR");

        var paid = (await agent.MoveAsync(order.Id, "processing")).Is(HttpStatusCode.OK);

        var entries = (await EntriesAsync(admin, $"entity=order&entityId={order.Id}")).Reverse().ToArray();
        Assert.AreEqual(
            """order.created {"userId":{"from":null,"to":1},"amount":{"from":null,"to":30.00},"currency":{"from":null,"to":"EUR"},"status":{"from":null,"to":"pending"}}""",
            $"{entries[0].GetProperty("action").GetString()} {entries[0].GetProperty("changes").GetRawText()}");
        Assert.AreEqual(
            $$$"""order.status_changed {"status":{"from":"pending","to":"processing"},"paymentTransactionId":{"from":null,"to":"{{{paid.String("paymentTransactionId")}}}"}}""",
            $"{entries[1].GetProperty("action").GetString()} {entries[1].GetProperty("changes").GetRawText()}");
        Assert.IsTrue(entries.All(e => e.GetProperty("actor").GetString() == agentEmail));
    }

    [TestMethod]
    public async Task Staff_changes_are_entries_of_the_member_and_name_the_admin()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);
        var created = (await admin.PostAsync("/api/staff", new { email = "casey@example.com", password = "Casey-Pass-1!", role = "viewer" })).Is(HttpStatusCode.Created);
        var id = created.String("id");

        (await admin.PutAsync($"/api/staff/{id}", new { role = "agent", disabled = true })).Is(HttpStatusCode.OK);
        (await admin.PutAsync($"/api/staff/{id}", new { role = "agent", disabled = false })).Is(HttpStatusCode.OK);

        var entries = (await EntriesAsync(admin, $"entity=staff&entityId={id}")).Reverse()
            .Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("changes").GetRawText()}").ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                """staff.created {"email":{"from":null,"to":"casey@example.com"},"role":{"from":null,"to":"viewer"}}""",
                """staff.role_changed {"role":{"from":"viewer","to":"agent"}}""",
                """staff.disabled {"disabled":{"from":false,"to":true}}""",
                """staff.enabled {"disabled":{"from":true,"to":false}}""",
            },
            entries);
    }

    [TestMethod]
    public async Task Sign_in_outcomes_through_the_token_route_and_the_form_are_entries_of_the_email_tried()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var anonymous = portal.CreateRawClient();
        var email = await portal.CreateStaffAsync(StaffRoles.Viewer);

        for (var i = 0; i < 5; i++)
        {
            await PortalTokens.TryAsync(anonymous, email, "Wrong-Pass-1!");
        }

        await PortalTokens.TryAsync(anonymous, "nobody@example.com", "Wrong-Pass-1!");
        using var form = portal.CreateRawClient();
        using var signedIn = await PortalFactory.PostSignInAsync(form, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        using var admin = await ApiClient.AdminAsync(portal);

        var actions = (await EntriesAsync(admin, "entity=auth")).Reverse()
            .Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("actor").GetString()} {e.GetProperty("entityId").ValueKind}").ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                $"auth.sign_in_failed {email} Null", $"auth.sign_in_failed {email} Null", $"auth.sign_in_failed {email} Null",
                $"auth.sign_in_failed {email} Null", $"auth.locked_out {email} Null",
                "auth.sign_in_failed nobody@example.com Null",
                $"auth.signed_in {PortalFactory.AdminEmail} Null", $"auth.signed_in {PortalFactory.AdminEmail} Null",
            },
            actions, "the form's sign-in, then the token the admin client took");
        Assert.AreEqual(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [TestMethod]
    public async Task A_refused_write_leaves_no_entry()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);
        var ann = await admin.CreateUserAsync("Ann", "ann@example.com");
        await admin.CreateUserAsync("Bo", "bo@example.com");
        var declined = await admin.CreateOrderAsync(ann.Id, 10.51m);
        var before = await CountAsync(portal);

        (await admin.PutAsync($"/api/users/{ann.Id}", new { name = "Ann", email = "bo@example.com", status = "active" })).Is(HttpStatusCode.Conflict);
        (await admin.PutAsync($"/api/users/{ann.Id}", new { name = "Ann X", email = "ann@example.com", status = "active" }, "\"9\"")).Is(HttpStatusCode.PreconditionFailed);
        (await admin.DeleteAsync($"/api/users/{ann.Id}")).Is(HttpStatusCode.Conflict);
        (await admin.MoveAsync(declined.Id, "processing")).Is(HttpStatusCode.PaymentRequired);
        (await admin.MoveAsync(declined.Id, "delivered")).Is(HttpStatusCode.Conflict);
        (await admin.PostAsync("/api/staff", new { email = "weak@example.com", password = "short", role = "agent" })).Is(HttpStatusCode.BadRequest);
        var adminId = await portal.StaffIdAsync(PortalFactory.AdminEmail);
        (await admin.PutAsync($"/api/staff/{adminId}", new { role = "viewer", disabled = false })).Is(HttpStatusCode.Conflict);

        Assert.AreEqual(before, await CountAsync(portal));
    }

    [TestMethod]
    public async Task A_write_that_fails_inside_the_database_takes_its_entry_with_it()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);
        var before = await CountAsync(portal);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER fail_users BEFORE INSERT ON Users BEGIN SELECT RAISE(ABORT, 'users write failed'); END;");
        }

        // A fault the app does not expect; the raw client, since no contract covers it.
        using var refused = await admin.Http.PostAsJsonAsync("/api/users", new { name = "Ann", email = "ann@example.com" });

        Assert.AreEqual(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.AreEqual(before, await CountAsync(portal), "the insert failed, and so did its entry");
    }

    [TestMethod]
    public async Task No_entry_holds_a_password_a_token_or_a_stamp()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);
        var token = await portal.TokenAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var created = (await admin.PostAsync("/api/staff", new { email = "casey@example.com", password = "Casey-Secret-9!", role = "agent" })).Is(HttpStatusCode.Created);
        (await admin.PutAsync($"/api/staff/{created.String("id")}", new { role = "viewer", disabled = true })).Is(HttpStatusCode.OK);
        using var anonymous = portal.CreateRawClient();
        await PortalTokens.TryAsync(anonymous, "casey@example.com", "Wrong-Secret-7!");

        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stamps = await db.Staff.Select(s => s.SecurityStamp!).ToListAsync();
        var hashes = await db.Staff.Select(s => s.PasswordHash!).ToListAsync();
        var all = string.Join('\n', await db.AuditEntries.Select(e => e.Actor + e.Action + e.Changes).ToListAsync());

        foreach (var secret in new[] { PortalFactory.AdminPassword, "Casey-Secret-9!", "Wrong-Secret-7!", token }.Concat(stamps).Concat(hashes))
        {
            Assert.IsFalse(all.Contains(secret, StringComparison.Ordinal), "an entry holds a secret");
        }

        StringAssert.Contains(all, "staff.created", "the entries were there to search");
    }

    [TestMethod]
    public async Task The_first_admin_of_a_fresh_install_is_created_by_the_system()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);

        var first = (await EntriesAsync(admin, "action=staff.created")).Single();

        Assert.AreEqual("system", first.GetProperty("actor").GetString());
    }

    private static async Task<JsonElement[]> EntriesAsync(ApiClient admin, string query) =>
        [.. (await admin.GetAsync($"/api/audit?pageSize=100&{query}")).Is(HttpStatusCode.OK).Body.GetProperty("items").EnumerateArray()];

    private static async Task<int> CountAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(e => e.Entity != "auth");
    }
}
