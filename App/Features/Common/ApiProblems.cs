using System.Globalization;
using AdminPortal.Data;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.Features.Common;

/// <summary>
/// The one place that turns domain errors into RFC 9457 problem responses for the API. Endpoints
/// call services and let typed domain exceptions through; pages catch the same exceptions and show
/// their messages.
/// </summary>
internal sealed class ApiProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the request path may already point at the error page; the original path says whether this was the API.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (path is null || !path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || ToProblem(exception) is not { } problem)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // Both outages (database, payment gateway) are expected to pass: say when to try again.
            httpContext.Response.Headers.RetryAfter = DbErrors.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        ValidationFailedException e => new HttpValidationProblemDetails(e.Errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        },
        NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
        TransitionNotAllowedException e => WithExtensions(
            Problem(StatusCodes.Status409Conflict, "Transition not allowed", e.Message),
            ("current", Api(e.Current)),
            ("allowed", e.Allowed.Select(Api).ToArray())),
        PaymentDeclinedException e => WithExtensions(
            Problem(StatusCodes.Status402PaymentRequired, "Payment declined", e.Message),
            ("declineCode", e.DeclineCode)),
        PaymentUnavailableException e => Problem(StatusCodes.Status503ServiceUnavailable, "Payment service unavailable", e.Message),
        ConcurrencyConflictException e => Problem(StatusCodes.Status409Conflict, "Changed by someone else", e.Message),
        ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
        // Raised by the server (a body over its limit) and by ApiJson (413, 415): the status says what went wrong.
        BadHttpRequestException e => Problem(e.StatusCode, ReasonPhrases.GetReasonPhrase(e.StatusCode), e.Message),
        // An outage, not a defect: the client may retry; anything else unexpected stays a 500.
        _ when DbErrors.IsUnavailable(exception) => DatabaseUnavailable(),
        _ => null,
    };

    /// <summary>The answer while the database cannot be reached; also used by the bearer handler.</summary>
    public static ProblemDetails DatabaseUnavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable", DbErrors.UnavailableMessage);

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails WithExtensions(ProblemDetails problem, params (string Key, object Value)[] extensions)
    {
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static string Api(OrderStatus status) => ApiJson.Name(status);
}
