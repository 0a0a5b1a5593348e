using System.Net;
using AdminPortal.Data;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Reliability;

/// <summary>
/// Nothing that would orphan history is deleted, even when the delete races an order being
/// created; and every write to an order names the staff member who made it, in its history entry
/// or its payment record (a refused payment has no history entry, so its record carries the name).
/// </summary>
[TestClass]
[TestCategory(Reliability.Category)]
public sealed class DataSafetyTests
{
    [TestMethod]
    [DataRow(null)]
    [DataRow("\"1\"")]
    public async Task Deleting_a_user_with_orders_is_refused_with_409_and_leaves_every_row(string? ifMatch)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id);
        (await api.MoveAsync(order.Id, "processing")).Is(HttpStatusCode.OK);
        var before = await portal.SnapshotAsync();

        var refused = (await api.DeleteAsync($"/api/users/{user.Id}", ifMatch)).Problem(HttpStatusCode.Conflict);

        StringAssert.Contains(refused.GetProperty("detail").GetString(), "suspend");
        (await portal.SnapshotAsync()).AssertUnchangedSince(before, "a refused delete");
    }

    [TestMethod]
    public async Task A_delete_racing_a_new_order_never_leaves_an_order_without_its_user()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var outcomes = new List<(HttpStatusCode Order, HttpStatusCode Delete)>();

        for (var i = 0; i < 10; i++)
        {
            var user = await api.CreateUserAsync();
            var order = Task.Run(() => api.PostAsync("/api/orders", new { userId = user.Id, amount = 10.00m }));
            var delete = Task.Run(() => api.DeleteAsync($"/api/users/{user.Id}"));
            var (created, deleted) = (await order, await delete);
            outcomes.Add((created.Status, deleted.Status));
        }

        foreach (var (order, delete) in outcomes)
        {
            // Either the order came first (and the delete is refused), or the delete did (and the order has no user to go to).
            Assert.IsTrue(
                (order == HttpStatusCode.Created && delete == HttpStatusCode.Conflict) || (order == HttpStatusCode.BadRequest && delete == HttpStatusCode.NoContent),
                $"order {(int)order}, delete {(int)delete}");
        }

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.AreEqual(0, await db.Orders.CountAsync(o => !db.Users.Any(u => u.Id == o.UserId)), "no orphaned order");
        Assert.AreEqual(0L, await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM pragma_foreign_key_check").SingleAsync());
    }

    [TestMethod]
    public async Task Every_order_write_names_who_made_it_in_its_history_entry_or_payment_record()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var agentEmail = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var agent = await ApiClient.StaffAsync(portal, agentEmail);
        using var admin = await ApiClient.AdminAsync(portal);
        var user = await admin.CreateUserAsync();
        var declined = await agent.CreateOrderAsync(user.Id, 10.51m);
        var unavailable = await admin.CreateOrderAsync(user.Id, 10.52m);
        var paid = await agent.CreateOrderAsync(user.Id, 10.00m);

        (await agent.MoveAsync(declined.Id, "processing")).Problem(HttpStatusCode.PaymentRequired);
        (await admin.MoveAsync(unavailable.Id, "processing")).Problem(HttpStatusCode.ServiceUnavailable);
        (await agent.MoveAsync(paid.Id, "processing")).Is(HttpStatusCode.OK);
        (await admin.MoveAsync(paid.Id, "cancelled", "customer asked")).Is(HttpStatusCode.OK);
        (await admin.MoveAsync(declined.Id, "cancelled")).Is(HttpStatusCode.OK);

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var history = await db.OrderStatusChanges.AsNoTracking().OrderBy(h => h.Id)
            .Select(h => $"{h.OrderId} {h.From}->{h.To} by {h.ChangedBy}").ToListAsync();
        var payments = await db.PaymentRecords.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => $"{p.OrderId} {p.Kind} {p.Status} by {p.RequestedBy}").ToListAsync();

        CollectionAssert.AreEqual(
            new[]
            {
                $"{declined.Id} ->Pending by {agentEmail}",
                $"{unavailable.Id} ->Pending by {PortalFactory.AdminEmail}",
                $"{paid.Id} ->Pending by {agentEmail}",
                $"{paid.Id} Pending->Processing by {agentEmail}",
                $"{paid.Id} Processing->Cancelled by {PortalFactory.AdminEmail}",
                $"{declined.Id} Pending->Cancelled by {PortalFactory.AdminEmail}",
            },
            history.ToArray());
        CollectionAssert.AreEqual(
            new[]
            {
                $"{declined.Id} {PaymentKind.Charge} {PaymentStatus.Declined} by {agentEmail}",
                $"{unavailable.Id} {PaymentKind.Charge} {PaymentStatus.Failed} by {PortalFactory.AdminEmail}",
                $"{paid.Id} {PaymentKind.Charge} {PaymentStatus.Succeeded} by {agentEmail}",
                $"{paid.Id} {PaymentKind.Refund} {PaymentStatus.Succeeded} by {PortalFactory.AdminEmail}",
            },
            payments.ToArray());

        var records = (await agent.GetAsync($"/api/orders/{declined.Id}/payments")).Is(HttpStatusCode.OK).Body;
        Assert.AreEqual(agentEmail, records[0].GetProperty("requestedBy").GetString(), "the API shows who asked");
    }
}
