using AdminPortal.Features.Common;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AdminPortal.Features.Auth;

public static class AuthApi
{
    /// <summary>The problem type of a right password without the authenticator code its member needs.</summary>
    public const string MfaRequired = "mfa_required";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit.Policy)
            .WithTag("Auth", "Bearer tokens for the API, issued for a staff member's email and password.")
            .WithName("IssueToken")
            .WithSummary("Issue a bearer token")
            .WithDescription("Checks an enabled staff member's email and password and answers a bearer token for every other route, " +
                             "valid for Auth:TokenLifetimeMinutes (an hour by default). Wrong credentials, a disabled or a locked-out account answer 401 alike; " +
                             "five failures lock the account for five minutes. Requests are limited per client address (429 with Retry-After).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
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
        JsonBody<TokenRequest> body, IStaffSignIn signIn, TokenService tokens, UserManager<StaffUser> users)
    {
        var request = body.Value;
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

        var (outcome, staff) = await signIn.CheckAsync(request.Email!, request.Password!, request.Code);
        if (outcome == SignInOutcome.CodeRequired)
        {
            // The password was right: say what is missing, by a type a client can act on.
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: MfaRequired, title: "An authentication code is required", detail: SignInMessages.CodeRequired);
        }

        if (outcome != SignInOutcome.Succeeded || staff is null)
        {
            var detail = outcome == SignInOutcome.LockedOut ? SignInMessages.LockedOut
                : string.IsNullOrWhiteSpace(request.Code) ? SignInMessages.Failed : SignInMessages.CodeWrong;
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: detail);
        }

        return TypedResults.Ok(await tokens.IssueAsync(staff, users));
    }
}
