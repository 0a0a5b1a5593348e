using AdminPortal.Features.Payments;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Features.Payments;

/// <summary><c>PaymentGateway</c> settings through the real start-up: the mode picks the gateway; a bad setting stops the app, naming its key.</summary>
[TestClass]
public sealed class PaymentGatewayConfigurationTests
{
    [TestMethod]
    public async Task The_fake_gateway_is_the_default()
    {
        await using var portal = new PortalFactory();

        using var scope = portal.Services.CreateScope();

        Assert.IsInstanceOfType<FakePaymentGateway>(scope.ServiceProvider.GetRequiredService<IPaymentGateway>());
    }

    [TestMethod]
    public async Task Http_mode_with_a_base_url_and_a_key_uses_the_http_gateway()
    {
        await using var portal = new PortalFactory()
            .With("PaymentGateway:Mode", "Http")
            .With("PaymentGateway:BaseUrl", "https://payments.example.com")
            .With("PaymentGateway:ApiKey", "sk_live_1");

        using var scope = portal.Services.CreateScope();

        Assert.IsInstanceOfType<HttpPaymentGateway>(scope.ServiceProvider.GetRequiredService<IPaymentGateway>());
    }

    [TestMethod]
    [DataRow(null, null, new[] { "PaymentGateway:BaseUrl", "PaymentGateway:ApiKey" }, DisplayName = "neither")]
    [DataRow("https://payments.example.com", null, new[] { "PaymentGateway:ApiKey" }, DisplayName = "no key")]
    [DataRow(null, "sk_live_1", new[] { "PaymentGateway:BaseUrl" }, DisplayName = "no base URL")]
    [DataRow("payments.example.com", "sk_live_1", new[] { "PaymentGateway:BaseUrl" }, DisplayName = "relative base URL")]
    public async Task Http_mode_missing_a_setting_fails_at_start_up_naming_it(string? baseUrl, string? apiKey, string[] named)
    {
        await using var portal = new PortalFactory()
            .With("PaymentGateway:Mode", "Http")
            .With("PaymentGateway:BaseUrl", baseUrl)
            .With("PaymentGateway:ApiKey", apiKey);

        var message = StartUpFailure(portal);

        foreach (var key in named)
        {
            StringAssert.Contains(message, key);
        }

        foreach (var key in new[] { "PaymentGateway:BaseUrl", "PaymentGateway:ApiKey" }.Except(named))
        {
            Assert.DoesNotContain(key + " must", message, "only what is wrong is named");
        }
    }

    [TestMethod]
    [DataRow("TimeoutSeconds", "0")]
    [DataRow("AttemptTimeoutSeconds", "20")]
    [DataRow("MaxRetries", "-1")]
    [DataRow("BreakSeconds", "0.1")]
    public async Task A_bad_resilience_setting_fails_at_start_up_naming_it(string key, string value)
    {
        await using var portal = new PortalFactory().With("PaymentGateway:" + key, value);

        StringAssert.Contains(StartUpFailure(portal), $"PaymentGateway:{key} must");
    }

    private static string StartUpFailure(PortalFactory portal)
    {
        var error = Assert.Throws<Exception>(() => portal.CreateClient());
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(Environment.NewLine, messages);
    }
}
