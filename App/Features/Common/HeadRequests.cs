using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace AdminPortal.Features.Common;

/// <summary>
/// HEAD answers as GET would, without the body, on every route (RFC 9110 §9.3.2): pages, the API,
/// the OpenAPI document and static files. Uptime monitors and link checkers send HEAD; routes are
/// mapped for GET only, so without this a HEAD fell through to the sign-in redirect, and the sign-in
/// page redirected to itself with ever longer return URLs.
/// </summary>
public static class HeadRequests
{
    /// <summary>Runs the rest of the pipeline for a HEAD request as a GET, and discards what it writes.</summary>
    /// <remarks>Must come before routing, so that the GET endpoint is the one selected.</remarks>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        // Every other method passes straight on, with no async frame of its own to allocate.
        app.Use((context, next) => HttpMethods.IsHead(context.Request.Method) ? AsGetAsync(context, next) : next(context));

    private static async Task AsGetAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new DiscardedBody(body));
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Features.Set(body);
        }
    }

    /// <summary>
    /// The response's headers go out as they would for GET (status, content type, length, ETag);
    /// what the GET handler writes goes nowhere.
    /// </summary>
    private sealed class DiscardedBody(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
    {
        public Stream Stream => Stream.Null;

        public PipeWriter Writer { get; } = PipeWriter.Create(Stream.Null);

        public void DisableBuffering() => inner.DisableBuffering();

        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            inner.StartAsync(cancellationToken);

        public Task CompleteAsync() => inner.StartAsync();
    }
}
