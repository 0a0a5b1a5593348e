namespace AdminPortal.Features.Payments;

public enum PaymentGatewayMode
{
    /// <summary>In-process and deterministic (docs/contract.md §8): the default, and what QA script against.</summary>
    Fake,

    /// <summary>A REST gateway at <see cref="PaymentGatewayOptions.BaseUrl"/>.</summary>
    Http,
}

/// <summary>
/// The <c>PaymentGateway</c> section. <see cref="Mode"/>, <see cref="BaseUrl"/>, <see cref="ApiKey"/>
/// and <see cref="TimeoutSeconds"/> are the contract (docs/contract.md §5); the rest tune the resilience of the
/// <c>Http</c> mode and rarely need changing.
/// </summary>
public sealed class PaymentGatewayOptions
{
    public const string Section = "PaymentGateway";

    public PaymentGatewayMode Mode { get; set; } = PaymentGatewayMode.Fake;

    /// <summary>The gateway's root, e.g. <c>https://payments.example.com</c>; requests go to <c>/v1/charges</c> and <c>/v1/refunds</c> below it.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as a bearer token on every request.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The most one charge or refund may take, retries included; then nothing was charged as far as staff are told.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>The most one attempt may take before it counts as a time-out and is retried.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 3;

    /// <summary>Retries after the first attempt, on 5xx answers, time-outs and failed connections only.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off; each retry waits about twice as long as the one before (with jitter).</summary>
    public double RetryDelaySeconds { get; set; } = 0.2;

    /// <summary>How long the circuit stays open, failing every call at once, after the gateway kept failing.</summary>
    public double BreakSeconds { get; set; } = 30;

    /// <summary>The messages of everything wrong with these settings, each naming its key; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Mode == PaymentGatewayMode.Http)
        {
            if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add($"{Section}:{nameof(BaseUrl)} must be set to the gateway's absolute http(s) address when {Section}:{nameof(Mode)} is Http.");
            }

            if (string.IsNullOrWhiteSpace(ApiKey))
            {
                problems.Add($"{Section}:{nameof(ApiKey)} must be set when {Section}:{nameof(Mode)} is Http.");
            }
        }

        if (TimeoutSeconds is <= 0 or > 300)
        {
            problems.Add($"{Section}:{nameof(TimeoutSeconds)} must be more than 0 and at most 300.");
        }

        if (AttemptTimeoutSeconds <= 0 || AttemptTimeoutSeconds > TimeoutSeconds)
        {
            problems.Add($"{Section}:{nameof(AttemptTimeoutSeconds)} must be more than 0 and at most {Section}:{nameof(TimeoutSeconds)}.");
        }

        if (MaxRetries is < 0 or > 10)
        {
            problems.Add($"{Section}:{nameof(MaxRetries)} must be from 0 to 10.");
        }

        if (RetryDelaySeconds is <= 0 or > 60)
        {
            problems.Add($"{Section}:{nameof(RetryDelaySeconds)} must be more than 0 and at most 60.");
        }

        // Polly's floor for a break.
        if (BreakSeconds is < 0.5 or > 3600)
        {
            problems.Add($"{Section}:{nameof(BreakSeconds)} must be from 0.5 to 3600.");
        }

        return problems;
    }
}
