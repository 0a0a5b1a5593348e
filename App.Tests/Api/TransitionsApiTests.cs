using System.Net;
using System.Text.Json;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Staff;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>Moving orders through the life cycle by the API: state, history, payments and every refusal.</summary>
[TestClass]
public sealed class TransitionsApiTests
{
    [TestMethod]
    public async Task A_pending_order_walks_to_delivered_and_its_history_shows_each_step_in_order_with_who_made_it()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        var agentEmail = await portal.CreateStaffAsync(StaffRoles.Agent);
        using var agent = await ApiClient.StaffAsync(portal, agentEmail);
        using var admin = await ApiClient.AdminAsync(portal);
        var user = await admin.CreateUserAsync();
        var order = await admin.CreateOrderAsync(user.Id, 42.00m);

        var processing = (await agent.MoveAsync(order.Id, "processing", "paid by card", order.ETag)).Is(HttpStatusCode.OK);
        var shipped = (await admin.MoveAsync(order.Id, "shipped", ifMatch: processing.ETag)).Is(HttpStatusCode.OK);
        var delivered = (await agent.MoveAsync(order.Id, "delivered", "signed for", shipped.ETag)).Is(HttpStatusCode.OK);

        Assert.AreEqual(("processing", "\"2\""), (processing.String("status"), processing.ETag));
        Assert.AreEqual(("shipped", "\"3\""), (shipped.String("status"), shipped.ETag));
        Assert.AreEqual(("delivered", "\"4\""), (delivered.String("status"), delivered.ETag));
        Assert.AreEqual(0, delivered.Body.GetProperty("allowedTransitions").GetArrayLength());
        StringAssert.StartsWith(delivered.String("paymentTransactionId"), "fake_");

        var history = (await agent.GetAsync($"/api/orders/{order.Id}/history")).Is(HttpStatusCode.OK).Body.EnumerateArray().ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                "->pending by admin@example.com ()",
                $"pending->processing by {agentEmail} (paid by card)",
                "processing->shipped by admin@example.com ()",
                $"shipped->delivered by {agentEmail} (signed for)",
            },
            history.Select(Step).ToArray());
        var times = history.Select(h => h.GetProperty("at").GetDateTime()).ToList();
        CollectionAssert.AreEqual(times.Order().ToList(), times, "oldest first");

        var payments = (await agent.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body;
        Assert.AreEqual(1, payments.GetArrayLength());
        Assert.AreEqual(("charge", "succeeded", 42.00m), (payments[0].GetProperty("kind").GetString(), payments[0].GetProperty("status").GetString(), payments[0].GetProperty("amount").GetDecimal()));
        Assert.AreEqual(delivered.String("paymentTransactionId"), payments[0].GetProperty("transactionId").GetString());
    }

    [TestMethod]
    public async Task Cancelling_a_processing_order_refunds_the_charge()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id, 15.00m, "GBP");
        (await api.MoveAsync(order.Id, "processing")).Is(HttpStatusCode.OK);

        var cancelled = (await api.MoveAsync(order.Id, "cancelled", "customer changed their mind")).Is(HttpStatusCode.OK);

        Assert.AreEqual("cancelled", cancelled.String("status"));
        var payments = (await api.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body;
        CollectionAssert.AreEqual(
            new[] { "charge succeeded GBP", "refund succeeded GBP" },
            payments.EnumerateArray().Select(p => $"{p.GetProperty("kind").GetString()} {p.GetProperty("status").GetString()} {p.GetProperty("currency").GetString()}").ToArray());
    }

    [TestMethod]
    public async Task Cancelling_a_pending_order_takes_no_payment()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id);

        (await api.MoveAsync(order.Id, "cancelled")).Is(HttpStatusCode.OK);

        Assert.AreEqual(0, (await api.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body.GetArrayLength());
    }

    [TestMethod]
    [DataRow(new[] { "shipped" }, "pending", new[] { "processing", "cancelled" })]
    [DataRow(new[] { "delivered" }, "pending", new[] { "processing", "cancelled" })]
    [DataRow(new[] { "pending" }, "pending", new[] { "processing", "cancelled" })]
    [DataRow(new[] { "processing", "pending" }, "processing", new[] { "shipped", "cancelled" })]
    [DataRow(new[] { "processing", "shipped", "cancelled" }, "shipped", new[] { "delivered" })]
    [DataRow(new[] { "cancelled", "processing" }, "cancelled", new string[0])]
    [DataRow(new[] { "processing", "shipped", "delivered", "cancelled" }, "delivered", new string[0])]
    public async Task A_move_the_life_cycle_does_not_allow_answers_409_naming_current_and_allowed(string[] moves, string current, string[] allowed)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id);
        foreach (var move in moves[..^1])
        {
            (await api.MoveAsync(order.Id, move)).Is(HttpStatusCode.OK);
        }

        var before = (await api.GetAsync($"/api/orders/{order.Id}")).Is(HttpStatusCode.OK);
        var problem = (await api.MoveAsync(order.Id, moves[^1])).Problem(HttpStatusCode.Conflict);

        Assert.AreEqual(current, problem.GetProperty("current").GetString());
        CollectionAssert.AreEqual(allowed, problem.GetProperty("allowed").EnumerateArray().Select(s => s.GetString()).ToArray());
        Assert.AreEqual(before.Text, (await api.GetAsync($"/api/orders/{order.Id}")).Is(HttpStatusCode.OK).Text);
    }

    [TestMethod]
    public async Task A_declined_charge_answers_402_with_the_decline_code_and_leaves_the_order_as_it_was()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id, 10.51m);

        var problem = (await api.MoveAsync(order.Id, "processing", ifMatch: order.ETag)).Problem(HttpStatusCode.PaymentRequired);

        Assert.AreEqual(FakePaymentGateway.DeclineCode, problem.GetProperty("declineCode").GetString());
        Assert.AreEqual(order.Text, (await api.GetAsync($"/api/orders/{order.Id}")).Is(HttpStatusCode.OK).Text);
        var payment = (await api.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body.EnumerateArray().Single();
        Assert.AreEqual(("declined", FakePaymentGateway.DeclineCode), (payment.GetProperty("status").GetString(), payment.GetProperty("error").GetString()));
        Assert.AreEqual(1, (await api.GetAsync($"/api/orders/{order.Id}/history")).Is(HttpStatusCode.OK).Body.GetArrayLength());
    }

    [TestMethod]
    public async Task An_unavailable_gateway_answers_503_and_leaves_the_order_as_it_was()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id, 10.52m, "EUR");

        (await api.MoveAsync(order.Id, "processing")).Problem(HttpStatusCode.ServiceUnavailable);

        Assert.AreEqual(order.Text, (await api.GetAsync($"/api/orders/{order.Id}")).Is(HttpStatusCode.OK).Text);
        var payment = (await api.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body.EnumerateArray().Single();
        Assert.AreEqual("failed", payment.GetProperty("status").GetString());
    }

    [TestMethod]
    [DataRow("processing")]
    [DataRow("cancelled")]
    public async Task A_stale_if_match_answers_412_and_neither_charges_nor_moves(string to)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id);
        var before = await portal.SnapshotAsync();

        (await api.MoveAsync(order.Id, to, ifMatch: "\"7\"")).Problem(HttpStatusCode.PreconditionFailed);

        (await portal.SnapshotAsync()).AssertUnchangedSince(before, $"stale If-Match → {to}");
    }

    [TestMethod]
    public async Task The_second_of_two_moves_from_the_same_version_answers_412()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id);

        (await api.MoveAsync(order.Id, "processing", ifMatch: order.ETag)).Is(HttpStatusCode.OK);
        (await api.MoveAsync(order.Id, "cancelled", ifMatch: order.ETag)).Problem(HttpStatusCode.PreconditionFailed);

        Assert.AreEqual("processing", (await api.GetAsync($"/api/orders/{order.Id}")).Is(HttpStatusCode.OK).String("status"));
    }

    [TestMethod]
    [DataRow("{\"to\":\"paid\"}", "to")]
    [DataRow("{\"to\":\"\"}", "to")]
    [DataRow("{\"reason\":\"no destination\"}", "to")]
    [DataRow("{\"to\":\"cancelled\",\"reason\":\"bell\\u0007\"}", "reason")]
    public async Task A_bad_transition_body_answers_400_naming_the_field(string body, string field)
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id);

        (await api.PostAsync($"/api/orders/{order.Id}/transitions", body)).Problem(HttpStatusCode.BadRequest, field);
    }

    [TestMethod]
    public async Task A_bad_reason_is_refused_before_the_gateway_is_charged()
    {
        using var lease = await SharedPortals.AcquireAsync();
        var portal = lease.Portal;
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var order = await api.CreateOrderAsync(user.Id);
        var before = await portal.SnapshotAsync();

        (await api.MoveAsync(order.Id, "processing", new string('x', 501))).Problem(HttpStatusCode.BadRequest, "reason");

        (await portal.SnapshotAsync()).AssertUnchangedSince(before, "overlong reason");
        // A charge that had gone through would have used up the first transaction id.
        var paid = (await api.MoveAsync(order.Id, "processing")).Is(HttpStatusCode.OK);
        Assert.AreEqual("fake_1", paid.String("paymentTransactionId"));
    }

    private static string Step(JsonElement entry) =>
        $"{entry.GetProperty("from").GetString()}->{entry.GetProperty("to").GetString()} by {entry.GetProperty("changedBy").GetString()} ({entry.GetProperty("reason").GetString()})";
}
