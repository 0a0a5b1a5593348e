using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AdminPortal.Features.Common;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the load balancers or reverse proxies whose
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the portal believes.
/// </summary>
public sealed class ProxyHeadersOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];
}

/// <summary>
/// Behind a TLS-terminating load balancer the request reaches the portal as plain HTTP from the
/// balancer. With its address configured, the portal takes the client's scheme and address from
/// the balancer's forwarded headers, so cookies are Secure, redirects and HSTS use https, and the
/// sign-in rate limit counts per client. Anyone else's forwarded headers are ignored (spoofing
/// them changes nothing), and with nothing configured none are believed at all.
/// </summary>
public static class ProxyHeaders
{
    public static IHostApplicationBuilder AddProxyHeaders(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(ProxyHeadersOptions.Section).Get<ProxyHeadersOptions>() ?? new ProxyHeadersOptions();
        builder.Services.AddSingleton(configured);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what is configured is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configured.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{ProxyHeadersOptions.Section}:KnownProxies has '{proxy}', which is not an IP address."));
            }

            foreach (var network in configured.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{ProxyHeadersOptions.Section}:KnownNetworks has '{network}', which is not a CIDR network such as 10.0.0.0/24."));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's scheme and address.</summary>
    public static IApplicationBuilder UseProxyHeaders(this IApplicationBuilder app)
    {
        // Without a proxy to trust the middleware stays out: given empty lists it would trust anyone.
        var configured = app.ApplicationServices.GetRequiredService<ProxyHeadersOptions>();
        return configured.KnownProxies.Count + configured.KnownNetworks.Count == 0 ? app : app.UseForwardedHeaders();
    }
}
