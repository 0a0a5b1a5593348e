using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AdminPortal.Features.Auth;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit.Policy)
            .WithTags("Auth")
            .WithSummary("Issues a bearer token (one hour) for an enabled staff member.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        // A form post with an antiforgery token, so another site cannot sign staff out.
        endpoints.MapPost(AuthFeature.SignOutPath, async ([FromForm] string? returnUrl, IStaffSignIn signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(AuthFeature.SignInPath);
        }).ExcludeFromDescription();

        return endpoints;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, IStaffSignIn signIn, TokenService tokens, UserManager<StaffUser> users)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = [SignInMessages.EmailRequired];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = [SignInMessages.PasswordRequired];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (outcome, staff) = await signIn.CheckAsync(request.Email!, request.Password!);
        if (outcome != SignInOutcome.Succeeded || staff is null)
        {
            var detail = outcome == SignInOutcome.LockedOut ? SignInMessages.LockedOut : SignInMessages.Failed;
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: detail);
        }

        return TypedResults.Ok(await tokens.IssueAsync(staff, users));
    }
}
