using System.Diagnostics;
using System.Text.Json;
using AdminPortal.Features.Common;
using AdminPortal.Features.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AdminPortal.Tests.Features.Payments;

/// <summary>
/// The <c>Http</c> gateway against a stub of the wire (WireMock.Net): the request it sends, how it
/// reads answers, and the resilience pipeline the app registers (time-outs, retries, circuit breaker).
/// Every test builds the gateway through <see cref="PaymentsFeature.AddPaymentGateway"/>, as the app does.
/// </summary>
[TestClass]
public sealed class HttpPaymentGatewayTests
{
    private const string ApiKey = "sk_test_123";
    private const string Scenario = "gateway";

    private WireMockServer _stub = null!;
    private ServiceProvider? _services;

    [TestInitialize]
    public void StartStub() => _stub = WireMockServer.Start();

    [TestCleanup]
    public void StopStub()
    {
        _services?.Dispose();
        _stub.Stop();
        _stub.Dispose();
    }

    [TestMethod]
    public async Task A_charge_posts_minor_units_with_the_bearer_key_and_the_idempotency_key()
    {
        Answer("/v1/charges", 200, new { id = "ch_789" });

        var result = await Gateway().ChargeAsync(new ChargeRequest(42, 7, 1234.56m, Currency.EUR, "order-42-charge-1"));

        Assert.AreEqual(GatewayResult.Success("ch_789"), result);
        var request = Requests().Single();
        Assert.AreEqual(("/v1/charges", "POST"), (request.Path, request.Method));
        Assert.AreEqual($"Bearer {ApiKey}", Header(request, "Authorization"));
        Assert.AreEqual("order-42-charge-1", Header(request, "Idempotency-Key"));
        StringAssert.StartsWith(Header(request, "Content-Type"), "application/json");
        using var body = JsonDocument.Parse(request.Body!);
        Assert.AreEqual(123456, body.RootElement.GetProperty("amount").GetInt64(), "minor units");
        Assert.AreEqual("EUR", body.RootElement.GetProperty("currency").GetString());
        Assert.AreEqual(42, body.RootElement.GetProperty("orderId").GetInt32());
        Assert.AreEqual(7, body.RootElement.GetProperty("userId").GetInt32());
    }

    [TestMethod]
    public async Task A_base_url_with_a_path_keeps_its_path()
    {
        _stub.Given(Request.Create().WithPath("/gw/v1/charges").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { id = "ch_1" }));

        var result = await Gateway(("BaseUrl", _stub.Urls[0] + "/gw")).ChargeAsync(Charge());

        Assert.AreEqual(GatewayOutcome.Succeeded, result.Outcome);
    }

    [TestMethod]
    public async Task A_402_is_a_decline_with_its_code_and_is_not_retried()
    {
        Answer("/v1/charges", 402, new { declineCode = "insufficient_funds" });

        var result = await Gateway().ChargeAsync(Charge());

        Assert.AreEqual(GatewayResult.Declined("insufficient_funds"), result);
        Assert.HasCount(1, Requests(), "a decline is an answer, not a fault");
    }

    [TestMethod]
    public async Task A_402_without_a_readable_code_is_still_a_decline()
    {
        _stub.Given(Request.Create().WithPath("/v1/charges").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(402).WithBody("<html>no</html>"));

        var result = await Gateway().ChargeAsync(Charge());

        Assert.AreEqual((GatewayOutcome.Declined, "declined"), (result.Outcome, result.DeclineCode));
    }

    [TestMethod]
    [DataRow(400)]
    [DataRow(401)]
    [DataRow(409)]
    public async Task Another_4xx_is_not_retried_and_charges_nothing(int status)
    {
        Answer("/v1/charges", status, new { error = "no" });

        var result = await Gateway().ChargeAsync(Charge());

        Assert.AreEqual((GatewayOutcome.Unavailable, $"HTTP {status}"), (result.Outcome, result.Error));
        Assert.HasCount(1, Requests());
    }

    [TestMethod]
    public async Task A_500_then_a_200_is_one_success_with_the_same_idempotency_key_on_both_attempts()
    {
        FailThenAnswer("/v1/charges", Response.Create().WithStatusCode(500), new { id = "ch_2" });

        var result = await Gateway().ChargeAsync(Charge("order-9-charge-1"));

        Assert.AreEqual(GatewayResult.Success("ch_2"), result);
        var requests = Requests();
        Assert.HasCount(2, requests);
        CollectionAssert.AreEqual(new[] { "order-9-charge-1", "order-9-charge-1" }, requests.Select(r => Header(r, "Idempotency-Key")).ToArray());
        Assert.AreEqual(requests[0].Body, requests[1].Body, "the retry sends the same body");
    }

    [TestMethod]
    public async Task An_attempt_that_times_out_is_retried_with_the_same_key_and_then_succeeds()
    {
        // The first answer comes long after the attempt's time-out; the retry is answered at once.
        FailThenAnswer("/v1/charges", Response.Create().WithStatusCode(200).WithBodyAsJson(new { id = "late" }).WithDelay(TimeSpan.FromSeconds(3)), new { id = "ch_3" });

        var result = await Gateway(("AttemptTimeoutSeconds", "0.5"), ("TimeoutSeconds", "15")).ChargeAsync(Charge("order-5-charge-1"));

        Assert.AreEqual(GatewayResult.Success("ch_3"), result, "the retry's answer, not the late one");
        // The stub logs a request once it has answered it, so the late one shows up last.
        var requests = await RequestsOnceThereAreAsync(2);
        CollectionAssert.AreEqual(new[] { "order-5-charge-1", "order-5-charge-1" }, requests.Select(r => Header(r, "Idempotency-Key")).ToArray());
    }

    [TestMethod]
    public async Task Every_attempt_failing_is_unavailable_after_the_retries()
    {
        Answer("/v1/charges", 503, new { });

        var result = await Gateway(("MaxRetries", "2")).ChargeAsync(Charge());

        Assert.AreEqual((GatewayOutcome.Unavailable, "HTTP 503"), (result.Outcome, result.Error));
        Assert.HasCount(3, Requests(), "the first attempt and two retries");
        Assert.HasCount(1, Requests().Select(r => Header(r, "Idempotency-Key")).Distinct());
    }

    [TestMethod]
    public async Task A_gateway_that_never_answers_is_unavailable_at_the_total_time_out_not_when_it_answers()
    {
        var stubDelay = TimeSpan.FromSeconds(6);
        _stub.Given(Request.Create().WithPath("/v1/charges").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { id = "too_late" }).WithDelay(stubDelay));
        var watch = Stopwatch.StartNew();

        var result = await Gateway(("TimeoutSeconds", "2"), ("AttemptTimeoutSeconds", "0.5")).ChargeAsync(Charge());

        Assert.AreEqual((GatewayOutcome.Unavailable, "timed out"), (result.Outcome, result.Error));
        Assert.IsLessThan(stubDelay, watch.Elapsed, "the caller was not kept waiting for the gateway");
        Assert.IsGreaterThanOrEqualTo(2, (await RequestsOnceThereAreAsync(2)).Count, "attempts that timed out were retried within the total");
    }

    [TestMethod]
    public async Task A_refused_connection_is_unavailable()
    {
        var url = _stub.Urls[0];
        _stub.Stop();

        var result = await Gateway(("BaseUrl", url), ("MaxRetries", "1")).ChargeAsync(Charge());

        Assert.AreEqual(GatewayOutcome.Unavailable, result.Outcome);
        StringAssert.StartsWith(result.Error, "request failed");
    }

    [TestMethod]
    public async Task A_success_without_a_transaction_id_is_recorded_as_failed_not_as_paid()
    {
        Answer("/v1/charges", 200, new { status = "ok" });

        var result = await Gateway().ChargeAsync(Charge());

        Assert.AreEqual((GatewayOutcome.Unavailable, "HTTP 200 without a transaction id"), (result.Outcome, result.Error));
    }

    [TestMethod]
    public async Task The_circuit_opens_after_repeated_failures_and_later_calls_fail_fast_without_reaching_the_gateway()
    {
        Answer("/v1/charges", 500, new { });
        var gateway = Gateway(("MaxRetries", "3"));

        // Five failed attempts in the window open the circuit: the first call makes four.
        GatewayResult? result = null;
        for (var call = 0; call < 3 && result?.Error != "circuit open after repeated failures"; call++)
        {
            result = await gateway.ChargeAsync(Charge($"key-{call}"));
        }

        Assert.AreEqual("circuit open after repeated failures", result!.Error);
        var reached = Requests().Count;
        var watch = Stopwatch.StartNew();
        var refused = await gateway.ChargeAsync(Charge("key-after"));

        Assert.AreEqual((GatewayOutcome.Unavailable, "circuit open after repeated failures"), (refused.Outcome, refused.Error));
        Assert.HasCount(reached, Requests(), "the open circuit kept the call from the gateway");
        Assert.IsLessThan(TimeSpan.FromSeconds(5), watch.Elapsed, "an open circuit answers at once");
    }

    [TestMethod]
    public async Task After_the_break_the_circuit_lets_calls_through_again()
    {
        FailThenAnswer("/v1/charges", Response.Create().WithStatusCode(500), new { id = "ch_back" }, failures: 5);
        var gateway = Gateway(("MaxRetries", "4"), ("BreakSeconds", "0.5"));
        var first = await gateway.ChargeAsync(Charge("key-1"));
        Assert.AreEqual("HTTP 500", first.Error, "five failed attempts");

        // Wait on the state (the circuit lets a probe through once the break is over), with a deadline.
        var deadline = Stopwatch.StartNew();
        GatewayResult next;
        do
        {
            next = await gateway.ChargeAsync(Charge("key-2"));
        }
        while (next.Outcome != GatewayOutcome.Succeeded && deadline.Elapsed < TimeSpan.FromSeconds(20));

        Assert.AreEqual(GatewayResult.Success("ch_back"), next);
    }

    [TestMethod]
    public async Task A_refund_posts_the_charge_id_in_minor_units_with_its_key()
    {
        Answer("/v1/refunds", 200, new { id = "re_1" });

        var result = await Gateway().RefundAsync(new RefundRequest(42, "ch_789", 19.99m, Currency.GBP, "order-42-refund-1"));

        Assert.AreEqual(GatewayResult.Success("re_1"), result);
        var request = Requests().Single();
        Assert.AreEqual(("/v1/refunds", $"Bearer {ApiKey}", "order-42-refund-1"), (request.Path, Header(request, "Authorization"), Header(request, "Idempotency-Key")));
        using var body = JsonDocument.Parse(request.Body!);
        Assert.AreEqual(("ch_789", 1999L, "GBP", 42),
            (body.RootElement.GetProperty("chargeId").GetString(), body.RootElement.GetProperty("amount").GetInt64(),
             body.RootElement.GetProperty("currency").GetString(), body.RootElement.GetProperty("orderId").GetInt32()));
    }

    [TestMethod]
    public async Task A_refund_is_retried_after_a_500_with_the_same_key()
    {
        FailThenAnswer("/v1/refunds", Response.Create().WithStatusCode(502), new { id = "re_2" });

        var result = await Gateway().RefundAsync(new RefundRequest(1, "ch_1", 5m, Currency.USD, "order-1-refund-1"));

        Assert.AreEqual(GatewayResult.Success("re_2"), result);
        CollectionAssert.AreEqual(new[] { "order-1-refund-1", "order-1-refund-1" }, Requests().Select(r => Header(r, "Idempotency-Key")).ToArray());
    }

    [TestMethod]
    public async Task A_declined_refund_says_so()
    {
        Answer("/v1/refunds", 402, new { declineCode = "charge_already_refunded" });

        var result = await Gateway().RefundAsync(new RefundRequest(1, "ch_1", 5m, Currency.USD, "order-1-refund-1"));

        Assert.AreEqual(GatewayResult.Declined("charge_already_refunded"), result);
        Assert.HasCount(1, Requests());
    }

    private static ChargeRequest Charge(string key = "order-1-charge-1") => new(1, 2, 10m, Currency.USD, key);

    private void Answer(string path, int status, object body) =>
        _stub.Given(Request.Create().WithPath(path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithBodyAsJson(body));

    /// <summary>The first <paramref name="failures"/> requests get <paramref name="failure"/>; the ones after, 200 with <paramref name="success"/>.</summary>
    private void FailThenAnswer(string path, IResponseBuilder failure, object success, int failures = 1)
    {
        _stub.Given(Request.Create().WithPath(path).UsingPost())
            .InScenario(Scenario)
            .WillSetStateTo("answering", failures)
            .RespondWith(failure);
        _stub.Given(Request.Create().WithPath(path).UsingPost())
            .InScenario(Scenario)
            .WhenStateIs("answering")
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(success));
    }

    private List<WireMock.IRequestMessage> Requests() => [.. _stub.LogEntries.Select(e => e.RequestMessage!)];

    private async Task<List<WireMock.IRequestMessage>> RequestsOnceThereAreAsync(int count)
    {
        var deadline = Stopwatch.StartNew();
        while (_stub.LogEntries.Count() < count && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        return Requests();
    }

    private static string? Header(WireMock.IRequestMessage request, string name) =>
        request.Headers!.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();

    /// <summary>The gateway as the app builds it in <c>Http</c> mode, with short back-offs so failing tests stay quick.</summary>
    private IPaymentGateway Gateway(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["PaymentGateway:Mode"] = "Http",
            ["PaymentGateway:BaseUrl"] = _stub.Urls[0],
            ["PaymentGateway:ApiKey"] = ApiKey,
            ["PaymentGateway:TimeoutSeconds"] = "10",
            ["PaymentGateway:AttemptTimeoutSeconds"] = "5",
            ["PaymentGateway:RetryDelaySeconds"] = "0.01",
        };
        foreach (var (key, value) in overrides)
        {
            settings["PaymentGateway:" + key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddPaymentGateway();
        _services = services.BuildServiceProvider();
        var gateway = _services.GetRequiredService<IPaymentGateway>();
        Assert.IsInstanceOfType<HttpPaymentGateway>(gateway);
        return gateway;
    }
}
