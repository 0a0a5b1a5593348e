using Microsoft.AspNetCore.Authorization;

namespace AdminPortal.Features.Auth;

/// <summary>
/// Routing answers a request no endpoint takes, for its method (405) or its content type (415),
/// with an endpoint of its own that carries no metadata, so the sign-in fallback policy applied to
/// it: a body sent as text/plain to the anonymous token route was told 401, not 415
/// (dotnet/aspnetcore#37064). Such an endpoint serves nothing to protect; it answers as it is.
/// </summary>
public static class RoutingRejections
{
    /// <summary>Must come between routing and authorization.</summary>
    public static IApplicationBuilder UseRoutingRejectionsAsAnswered(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // The app's own endpoints are all route endpoints; routing's rejections are bare ones.
        if (context.GetEndpoint() is { Metadata.Count: 0 } rejection and not RouteEndpoint)
        {
            context.SetEndpoint(new Endpoint(rejection.RequestDelegate, new EndpointMetadataCollection(new AllowAnonymousAttribute()), rejection.DisplayName));
        }

        return next(context);
    });
}
