using System.Globalization;
using AdminPortal.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.Features.Common;

/// <summary>
/// The one place that turns domain errors into RFC 9457 problem responses for the API. Endpoints
/// call services and let typed domain exceptions through; pages catch the same exceptions and show
/// their messages (PageAction). The errors every feature shares are mapped here; a feature maps its
/// own exceptions where it registers its services (<see cref="ApiProblemMappings.AddApiProblem{TException}"/>),
/// so this type knows no feature.
/// </summary>
internal sealed class ApiProblems(IProblemDetailsService problems, IEnumerable<ApiProblemMapping> features) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the request path may already point at the error page; the original path says whether this was the API.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (path is null || !ApiRequests.IsApi(new PathString(path)) || ToProblem(exception, features) is not { } problem)
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

    /// <summary>The problem for an error every feature shares; null for anything else.</summary>
    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        ValidationFailedException e => new HttpValidationProblemDetails(e.Errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        },
        NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
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

    /// <summary>A problem with a status, a title, the message staff and clients read, and any extra members.</summary>
    public static ProblemDetails Problem(int status, string title, string detail, params (string Key, object Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static ProblemDetails? ToProblem(Exception exception, IEnumerable<ApiProblemMapping> features) =>
        features.FirstOrDefault(f => f.Handles(exception))?.ToProblem(exception) ?? ToProblem(exception);
}

/// <summary>How one feature's exception becomes a problem response.</summary>
public sealed class ApiProblemMapping(Type exceptionType, Func<Exception, ProblemDetails> toProblem)
{
    public bool Handles(Exception exception) => exceptionType.IsInstanceOfType(exception);

    public ProblemDetails ToProblem(Exception exception) => toProblem(exception);
}

public static class ApiProblemMappings
{
    /// <summary>Registers how the API answers <typeparamref name="TException"/>; the feature that throws it calls this.</summary>
    public static IServiceCollection AddApiProblem<TException>(this IServiceCollection services, Func<TException, ProblemDetails> toProblem)
        where TException : DomainException =>
        services.AddSingleton(new ApiProblemMapping(typeof(TException), e => toProblem((TException)e)));
}
