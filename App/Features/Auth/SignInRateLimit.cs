using System.Globalization;
using System.Threading.RateLimiting;
using AdminPortal.Features.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Auth;

/// <summary>
/// Sign-in form posts and token requests per client address (<c>Auth:SignInAttemptsPerMinute</c>);
/// showing the sign-in page is free. Over the limit: 429 with <c>Retry-After</c>.
/// </summary>
public static class SignInRateLimit
{
    /// <summary>The policy the sign-in page and the token endpoint ask for.</summary>
    public const string Policy = "sign-in";

    internal static IServiceCollection AddSignInRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RefuseAsync;
            o.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInAttemptsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter("reads"));
        });

    private static async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : 60;
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Too many sign-in attempts from this address. Try again in {seconds} seconds.";
        // A body of its own, so the page pipeline does not turn the 429 into another page.
        if (ApiRequests.IsApi(http.Request))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = detail },
            });
        }
        else
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(detail, cancellationToken);
        }
    }
}
