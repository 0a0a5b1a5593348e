using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Features.Orders;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.SeveralInstances;

/// <summary>
/// The instance holding an order's turn is killed while its charge is at the gateway: the turn it
/// leaves runs out, the other instance's Pay takes it over, sends the same idempotency key, and the
/// gateway answers with the charge it already made. One charge, recorded once. The survivor's clock
/// is moved past the lease instead of the test waiting it out (9 s of a 21 s test).
/// </summary>
[TestClass]
public sealed class KilledInstanceMidChargeTests
{
    // The gateway's time-out sets the lease: 2 × 2 + 5 = 9 s.
    private const string GatewaySeconds = "2";

    [TestMethod]
    public async Task The_other_instance_completes_the_pay_with_the_charge_the_dead_one_made()
    {
        await using var gateway = await HttpGatewayStub.StartAsync(holdFirstCharge: true);
        var settings = new Dictionary<string, string>
        {
            ["PaymentGateway:Mode"] = "Http",
            ["PaymentGateway:BaseUrl"] = gateway.BaseUrl.ToString(),
            ["PaymentGateway:ApiKey"] = "test-key",
            ["PaymentGateway:TimeoutSeconds"] = GatewaySeconds,
            ["PaymentGateway:AttemptTimeoutSeconds"] = GatewaySeconds,
        };
        // The dead instance is the app as a process of its own: both hash passwords as production does.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var survivor = new PortalFactory { HashesAsInProduction = true, Time = time };
        foreach (var (key, value) in settings)
        {
            survivor.With(key, value);
        }

        await using (survivor)
        {
            using var onSurvivor = await ApiClient.AdminAsync(survivor);
            var order = await onSurvivor.CreateOrderAsync((await onSurvivor.CreateUserAsync()).Id, 30.00m);
            await using var doomed = await ChildPortal.StartAsync(survivor.DatabasePath, settings);
            using var onDoomed = await doomed.AdminClientAsync();

            var dying = onDoomed.PostAsJsonAsync($"/api/orders/{order.Id}/transitions", new { to = "processing" });
            await gateway.FirstChargeArrived;
            await doomed.KillAsync();
            await Assert.ThrowsAsync<HttpRequestException>(() => dying);

            // The dead instance wrote its turn's end by the real clock, before now.
            var lease = ((DatabaseOrderTurns)survivor.Services.GetRequiredService<IOrderTurns>()).Lease;
            time.SetUtcNow(DateTimeOffset.UtcNow + lease + TimeSpan.FromSeconds(1));
            var paid = (await onSurvivor.MoveAsync(order.Id, "processing")).Is(HttpStatusCode.OK);
            Assert.IsTrue(survivor.Logs.Entries.Any(e => e.Contains("had run out without being ended", StringComparison.Ordinal)), "the survivor took over the dead instance's turn");

            var payments = (await onSurvivor.GetAsync($"/api/orders/{order.Id}/payments")).Is(HttpStatusCode.OK).Body;
            Assert.AreEqual((1, 2), (gateway.Made, gateway.Requests), "charged once: the second request repeated the first one's key");
            Assert.AreEqual("ch_1", paid.String("paymentTransactionId"));
            CollectionAssert.AreEqual(new[] { "charge succeeded ch_1" }, payments.EnumerateArray()
                .Select(p => $"{p.GetProperty("kind").GetString()} {p.GetProperty("status").GetString()} {p.GetProperty("transactionId").GetString()}").ToArray());
        }
    }
}
