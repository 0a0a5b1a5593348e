using System.Net;
using AdminPortal.Data;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Reliability;

/// <summary>
/// Payments against a gateway that fails at random, many at once: whatever the gateway answers and
/// in whatever order, no order is paid without a transaction, none is charged (or refunded) twice,
/// and every attempt has its record.
/// </summary>
[TestClass]
[TestCategory(Reliability.Category)]
public sealed class GatewayFaultTests
{
    private const int Orders = 12;
    private const int PayersPerOrder = 4;
    private const int Rounds = 4;

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public async Task Parallel_payments_and_refunds_against_a_flaky_gateway_never_strand_or_double_money(int seed)
    {
        var gateway = new FlakyPaymentGateway(seed);
        await using var portal = new PortalFactory { Gateway = gateway };
        using var api = await ApiClient.AdminAsync(portal);
        var user = await api.CreateUserAsync();
        var orders = new List<int>();
        for (var i = 0; i < Orders; i++)
        {
            orders.Add((await api.CreateOrderAsync(user.Id, 10.00m + i)).Id);
        }

        var answers = new List<ApiResponse>();
        // Rounds of everyone paying every order at once; then everyone cancelling at once.
        foreach (var to in Enumerable.Repeat("processing", Rounds).Concat(Enumerable.Repeat("cancelled", Rounds)))
        {
            answers.AddRange(await Task.WhenAll(
                from id in orders from _ in Enumerable.Range(0, PayersPerOrder) select Task.Run(() => api.MoveAsync(id, to))));
        }

        foreach (var answer in answers)
        {
            // 402 declined, 503 gateway unavailable, 409 someone else moved it first: never a 500.
            Assert.IsTrue(answer.Status is HttpStatusCode.OK or HttpStatusCode.PaymentRequired or HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict,
                $"{answer.Request}: {(int)answer.Status} {answer.Text}");
        }

        Assert.IsTrue(gateway.Calls.Any(c => c.Result.Outcome == GatewayOutcome.Succeeded), "some payments went through");
        Assert.IsTrue(gateway.Calls.Any(c => c.Result.Outcome != GatewayOutcome.Succeeded), "some failed: the faults were exercised");
        await AssertMoneyMatchesTheRecordsAsync(portal, gateway, orders);
    }

    private static async Task AssertMoneyMatchesTheRecordsAsync(PortalFactory portal, FlakyPaymentGateway gateway, IEnumerable<int> ids)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var orders = await db.Orders.AsNoTracking().Include(o => o.Payments).Include(o => o.History).Where(o => ids.Contains(o.Id)).ToListAsync();
        foreach (var order in orders)
        {
            var name = $"order {order.Id} ({order.Status})";
            var charges = order.Payments.Where(p => p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Succeeded).ToList();
            var refunds = order.Payments.Where(p => p.Kind == PaymentKind.Refund && p.Status == PaymentStatus.Succeeded).ToList();
            var wasPaid = order.History.Any(h => h.To == OrderStatus.Processing);

            Assert.AreEqual(wasPaid ? 1 : 0, charges.Count, $"{name}: one successful charge exactly when it was paid");
            Assert.AreEqual(gateway.Captured(order.Id, PaymentKind.Charge), charges.Count, $"{name}: the gateway charged what the records say");
            Assert.AreEqual(gateway.Captured(order.Id, PaymentKind.Refund), refunds.Count, $"{name}: the gateway refunded what the records say");
            Assert.AreEqual(gateway.Calls.Count(c => c.OrderId == order.Id), order.Payments.Count, $"{name}: every attempt is recorded");
            if (wasPaid)
            {
                Assert.IsFalse(string.IsNullOrEmpty(order.PaymentTransactionId), $"{name}: paid with a transaction id");
                Assert.AreEqual(charges.Single().TransactionId, order.PaymentTransactionId, name);
            }
            else
            {
                Assert.IsNull(order.PaymentTransactionId, name);
            }

            // Cancelled after payment means refunded, once; a paid order still open has no refund.
            var refundedOnce = wasPaid && order.Status == OrderStatus.Cancelled;
            Assert.AreEqual(refundedOnce ? 1 : 0, refunds.Count, $"{name}: refunds");
            Assert.AreEqual(order.Status, order.History.OrderBy(h => h.Id).Last().To, $"{name}: the history ends at the status");
            Assert.IsTrue(order.Payments.All(p => p.RequestedBy == PortalFactory.AdminEmail), $"{name}: every attempt names who asked");
        }
    }
}
