namespace AdminPortal.Features.Auth;

/// <summary>The security headers every response carries (docs/contract.md §6).</summary>
public static class SecurityHeaders
{
    // Blazor Server needs only its own scripts and a WebSocket to its own origin. Inline styles stay
    // allowed because Blazor and Bootstrap set style attributes; no inline script runs anywhere.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Registered without a closure and the middleware is not async: nothing is allocated for it per request.
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(SetAsync, context.Response);
        return next(context);
    });

    private static Task SetAsync(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // An internal portal: no page, document or API answer belongs in a search engine.
        headers["X-Robots-Tag"] = "noindex, nofollow";
        return Task.CompletedTask;
    }
}
