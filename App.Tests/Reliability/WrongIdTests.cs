using System.Net;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Reliability;

/// <summary>
/// An id that names another entity, or none, never brings back someone else's data: a resource's
/// sub-lists hold only its own entries, filters hold only what they name, and an unknown id is a
/// 404 that says nothing but that.
/// </summary>
[TestClass]
[TestCategory(Reliability.Category)]
public sealed class WrongIdTests
{
    [TestMethod]
    public async Task History_payments_lists_and_export_carry_only_the_entity_asked_for()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var admin = await ApiClient.AdminAsync(portal);
        var agentEmail = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var agent = await ApiClient.StaffAsync(portal, agentEmail);
        var ann = await admin.CreateUserAsync("Ann Own", ApiSteps.UniqueEmail("ann"));
        var bob = await admin.CreateUserAsync("Bob Other", ApiSteps.UniqueEmail("bob"));
        var annOrder = (await admin.CreateOrderAsync(ann.Id, 11.00m)).Id;
        var bobOrder = (await agent.CreateOrderAsync(bob.Id, 22.00m)).Id;
        (await admin.MoveAsync(annOrder, "processing", "ann-reason")).Is(HttpStatusCode.OK);
        var bobPaid = (await agent.MoveAsync(bobOrder, "processing", "bob-secret")).Is(HttpStatusCode.OK).String("paymentTransactionId");

        var history = (await admin.GetAsync($"/api/orders/{annOrder}/history")).Is(HttpStatusCode.OK);
        var payments = (await admin.GetAsync($"/api/orders/{annOrder}/payments")).Is(HttpStatusCode.OK);
        var list = (await admin.GetAsync($"/api/orders?userId={ann.Id}")).Is(HttpStatusCode.OK);
        using var export = await admin.Http.GetAsync($"/api/orders/export.csv?userId={ann.Id}");
        var csv = await export.Content.ReadAsStringAsync();

        Assert.IsTrue(history.Body.EnumerateArray().All(h => h.GetProperty("changedBy").GetString() == PortalFactory.AdminEmail), history.Text);
        Assert.DoesNotContain("bob-secret", history.Text);
        Assert.AreEqual(1, payments.Body.GetArrayLength());
        Assert.DoesNotContain(bobPaid!, payments.Text);
        Assert.IsTrue(list.Body.GetProperty("items").EnumerateArray().All(o => o.GetProperty("userId").GetInt32() == ann.Id), list.Text);
        Assert.AreEqual(1, list.Body.GetProperty("totalCount").GetInt32());
        Assert.AreEqual(HttpStatusCode.OK, export.StatusCode);
        Assert.HasCount(2, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), "the header and Ann's order");
        Assert.DoesNotContain(bob.String("email")!, csv);
    }

    [TestMethod]
    public async Task An_id_that_names_nothing_of_that_kind_is_a_bare_404()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var ann = await api.CreateUserAsync("Ann Own", ApiSteps.UniqueEmail("ann"));
        var orders = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            orders.Add((await api.CreateOrderAsync(ann.Id, 30.00m + i)).Id);
        }

        // Order ids that are no user's id, a user id that is no order's, and ids of nothing at all.
        var noUser = orders.Max();
        var noOrder = orders.Max() + 1;
        foreach (var path in new[]
                 {
                     $"/api/users/{noUser}", $"/api/orders/{noOrder}", $"/api/orders/{noOrder}/history", $"/api/orders/{noOrder}/payments",
                     "/api/orders/0", "/api/users/-1", $"/api/users/{ann.Id}/orders",
                 })
        {
            var answer = await api.GetAsync(path);
            answer.Problem(HttpStatusCode.NotFound);
            Assert.DoesNotContain(ann.String("email")!, answer.Text, path);
            Assert.DoesNotContain("30.00", answer.Text, path);
            Assert.IsFalse(answer.Body.TryGetProperty("items", out _), path);
        }

        var empty = (await api.GetAsync($"/api/orders?userId={noUser}")).Is(HttpStatusCode.OK);
        Assert.AreEqual(0, empty.Body.GetProperty("totalCount").GetInt32(), "a filter on a user without orders finds none, not all");
    }
}
