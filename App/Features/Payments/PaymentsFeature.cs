using System.Net;
using AdminPortal.Features.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace AdminPortal.Features.Payments;

public static class PaymentsFeature
{
    /// <summary>The named resilience pipeline of the HTTP gateway's client.</summary>
    public const string PipelineName = "gateway";

    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPaymentGateway();
        builder.Services.AddApiProblem<PaymentDeclinedException>(e => ApiProblems.Problem(
            StatusCodes.Status402PaymentRequired, "Payment declined", e.Message, ("declineCode", e.DeclineCode)));
        builder.Services.AddApiProblem<PaymentUnavailableException>(e => ApiProblems.Problem(
            StatusCodes.Status503ServiceUnavailable, "Payment service unavailable", e.Message));
        return builder;
    }

    /// <summary>
    /// <see cref="IPaymentGateway"/> as <c>PaymentGateway:Mode</c> says, with the settings validated
    /// at start-up. The HTTP client's pipeline, outermost first: a total time-out per charge or
    /// refund; retries with exponential back-off on 5xx, 408, time-outs and failed connections
    /// (never on a 4xx: a decline is an answer); a circuit breaker that fails calls at once while the
    /// gateway keeps failing; a time-out per attempt.
    /// </summary>
    public static IServiceCollection AddPaymentGateway(this IServiceCollection services)
    {
        services.AddOptions<PaymentGatewayOptions>().BindConfiguration(PaymentGatewayOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentGatewayOptions>, PaymentGatewayOptionsValidator>());

        services.TryAddSingleton<FakePaymentGateway>();
        services.AddHttpClient<HttpPaymentGateway>((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<PaymentGatewayOptions>>().Value;
                if (options.BaseUrl is { } baseUrl)
                {
                    // Relative paths resolve below the base only when it ends with a slash.
                    client.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
                }

                if (!string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiKey);
                }

                // The pipeline's total time-out is the one that counts.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler(PipelineName, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<PaymentGatewayOptions>>().Value;
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = TimeSpan.FromSeconds(options.RetryDelaySeconds),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                    });
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 5,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
            });

        services.TryAddTransient<IPaymentGateway>(sp =>
            sp.GetRequiredService<IOptions<PaymentGatewayOptions>>().Value.Mode == PaymentGatewayMode.Http
                ? sp.GetRequiredService<HttpPaymentGateway>()
                : sp.GetRequiredService<FakePaymentGateway>());
        return services;
    }

    /// <summary>What is worth another attempt: the gateway failed or did not answer. A 4xx is an answer.</summary>
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException or HttpRequestException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };

    private sealed class PaymentGatewayOptionsValidator : IValidateOptions<PaymentGatewayOptions>
    {
        public ValidateOptionsResult Validate(string? name, PaymentGatewayOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
