using AdminPortal.Features.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Auth;

/// <summary>
/// <c>Auth:RequireMfa</c>: a signed-in member who has not enrolled an authenticator is sent to
/// <c>/account/mfa</c> by every page, and refused by every API route with 403 problem+json of type
/// <c>mfa_enrolment_required</c>. What anyone may reach (sign-in, static files, health, the token
/// route) and signing out stay open, so the first Admin of a fresh install can still get in and enrol.
/// </summary>
public static class MfaRequirement
{
    public const string EnrolmentRequired = "mfa_enrolment_required";
    public const string EnrolmentPath = "/account/mfa";

    /// <summary>After authentication (who is signed in), before authorization.</summary>
    public static IApplicationBuilder UseMfaRequirement(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var options = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        return !options.RequireMfa || context.User.Identity?.IsAuthenticated != true || StaffClaimsFactory.IsEnrolled(context.User) || IsOpen(context)
            ? next(context)
            : RefuseAsync(context);
    });

    private static Task RefuseAsync(HttpContext context)
    {
        if (!ApiRequests.IsApi(context.Request))
        {
            context.Response.Redirect(EnrolmentPath);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Type = EnrolmentRequired,
                Title = "Two-factor sign-in is required",
                Detail = "This portal requires every staff member to enrol an authenticator app: do so at /account/mfa, then ask for a new token.",
            },
        }).AsTask();
    }

    private static bool IsOpen(HttpContext context) =>
        context.Request.Path.StartsWithSegments(EnrolmentPath, StringComparison.OrdinalIgnoreCase) ||
        context.Request.Path.StartsWithSegments(AuthFeature.SignOutPath, StringComparison.OrdinalIgnoreCase) ||
        context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
}
