using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace AdminPortal.Features.Common;

/// <summary>
/// Brotli or gzip for the text the app writes itself (pages, JSON, problem+json, CSV, the OpenAPI
/// document), when the client asks for it with <c>Accept-Encoding</c>. Static files are not its
/// business: <c>MapStaticAssets</c> serves their precompressed copies and marks them
/// <c>Content-Encoding</c>, which this leaves alone. Over HTTPS too; why that is safe here is
/// ADR 007 (BREACH).
/// </summary>
public static class TextCompression
{
    /// <summary>The types compressed: the framework's text defaults and the app's own.</summary>
    public static readonly IReadOnlyList<string> MimeTypes =
        [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "text/csv", "image/svg+xml"];

    public static IHostApplicationBuilder AddTextCompression(this IHostApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = MimeTypes;
            // Brotli first: the middleware takes the first provider the client accepts, at equal quality.
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: on two cores a page's CPU matters more than the last few per cent of its size.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>
    /// After <c>UseHeadAsGet</c>, so a HEAD's compressed body is discarded with the rest of it
    /// (outside it, the compressor's closing bytes would reach the wire).
    /// </summary>
    public static IApplicationBuilder UseTextCompression(this IApplicationBuilder app) => app.UseResponseCompression();
}
