using System.Net;
using AdminPortal.Features.Orders;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.SeveralInstances;

/// <summary>
/// One order's moves are serialised across two instances on one database, which share one payment
/// gateway as real instances would: one winner of many pays, and a cancel never overtakes a charge.
/// </summary>
[TestClass]
public sealed class OrderTurnAcrossInstancesTests
{
    [TestMethod]
    public async Task Forty_parallel_pays_of_one_order_spread_over_two_instances_give_one_winner_and_one_charge()
    {
        var gateway = new RecordingPaymentGateway();
        await using var a = new PortalFactory { Gateway = gateway };
        await using var b = SharingDatabaseOf(a, gateway);
        using var onA = await ApiClient.AdminAsync(a);
        using var onB = await ApiClient.AdminAsync(b);
        var order = await onA.CreateOrderAsync((await onA.CreateUserAsync()).Id, 30.00m);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? onA : onB).MoveAsync(order.Id, "processing"))));

        Assert.AreEqual(1, answers.Count(r => r.Status == HttpStatusCode.OK), string.Join(", ", answers.Select(r => (int)r.Status)));
        Assert.IsTrue(answers.Where(r => r.Status != HttpStatusCode.OK).All(r => r.Status == HttpStatusCode.Conflict), "the others are told the order has moved on");
        Assert.HasCount(1, gateway.Charges);
        var history = (await onB.GetAsync($"/api/orders/{order.Id}/history")).Is(HttpStatusCode.OK).Body.EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "pending", "processing" }, history);
    }

    [TestMethod]
    public async Task A_cancel_on_one_instance_waits_for_a_charge_in_flight_on_the_other_and_refunds_it()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new RecordingPaymentGateway { Hold = release.Task };
        await using var a = new PortalFactory { Gateway = gateway };
        await using var b = SharingDatabaseOf(a, gateway);
        using var onA = await ApiClient.AdminAsync(a);
        using var onB = await ApiClient.AdminAsync(b);
        var order = await onA.CreateOrderAsync((await onA.CreateUserAsync()).Id, 30.00m);
        var turnsOnB = b.Services.GetRequiredService<DatabaseOrderTurns>();

        Task<ApiResponse> pay, cancel;
        try
        {
            pay = Task.Run(() => onA.MoveAsync(order.Id, "processing"));
            await gateway.Entered;
            cancel = Task.Run(() => onB.MoveAsync(order.Id, "cancelled"));
            await Reliability.Reliability.PollAsync(() => turnsOnB.WaitingFor(order.Id) == 1 || cancel.IsCompleted, "the cancel on B to wait for A's turn");
        }
        finally
        {
            release.TrySetResult();
        }

        (await pay).Is(HttpStatusCode.OK);
        (await cancel).Is(HttpStatusCode.OK);
        var payments = (await onA.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body.EnumerateArray()
            .Select(p => $"{p.GetProperty("kind").GetString()} {p.GetProperty("status").GetString()}").ToArray();
        Assert.AreEqual("cancelled", (await onA.GetAsync($"/api/orders/{order.Id}")).String("status"));
        CollectionAssert.AreEqual(new[] { "charge succeeded", "refund succeeded" }, payments, "the money taken is given back: none is stranded");
        Assert.HasCount(1, gateway.Charges);
        Assert.HasCount(1, gateway.Refunds);
    }

    private static PortalFactory SharingDatabaseOf(PortalFactory other, RecordingPaymentGateway gateway) =>
        new PortalFactory { Gateway = gateway }.With("ConnectionStrings:Default", $"Data Source={other.DatabasePath}");
}
