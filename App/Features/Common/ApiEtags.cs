using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Features.Common;

/// <summary>
/// Entity tags and <c>If-Match</c> (RFC 9110 §8.8.3, §13.1.1). A resource's tag is its concurrency
/// version, <c>"7"</c>, so a client that sends back the tag it read asks the service to write only
/// if nobody wrote since; the service's own version check then makes that decision atomically.
/// </summary>
public static class ApiEtags
{
    public const string IfMatchHeader = "If-Match";

    public static string Of(int version) => $"\"{version}\"";

    /// <summary>Documents that the route's success carries the resource's <c>ETag</c>.</summary>
    public static RouteHandlerBuilder AnswersETag(this RouteHandlerBuilder route) => route.WithMetadata(new ETagMetadata());

    /// <summary>Sets the <c>ETag</c> of the resource a response carries.</summary>
    public static void Set(HttpResponse response, int version) => response.Headers.ETag = Of(version);

    /// <summary>
    /// Runs a write under the request's <c>If-Match</c>: <paramref name="write"/> gets the version the
    /// client expects (null without a precondition). A stale tag answers 412; without <c>If-Match</c>,
    /// a conflicting concurrent write stays the service's 409.
    /// </summary>
    /// <param name="currentVersion">Reads the version now stored; needed only when the client lists several tags.</param>
    public static async Task<Results<TResult, ProblemHttpResult>> WriteAsync<TResult>(
        string? ifMatch, Func<Task<int>> currentVersion, Func<int?, Task<TResult>> write)
        where TResult : IResult
    {
        var precondition = IfMatch.Parse(ifMatch);
        int? expected = null;
        if (precondition.Versions is { } versions)
        {
            if (versions.Count == 0)
            {
                return PreconditionFailed();
            }

            if (versions.Count == 1)
            {
                expected = versions[0];
            }
            else
            {
                var current = await currentVersion();
                if (!versions.Contains(current))
                {
                    return PreconditionFailed();
                }

                expected = current;
            }
        }

        try
        {
            return await write(expected);
        }
        catch (ConcurrencyConflictException) when (precondition.IsPresent)
        {
            return PreconditionFailed();
        }
    }

    private static ProblemHttpResult PreconditionFailed() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Precondition failed",
        detail: "The resource changed since the version named in If-Match. Read it again and retry with its current ETag; nothing was saved.");

    /// <summary>A parsed <c>If-Match</c>: absent, <c>*</c>, or the versions it names.</summary>
    private sealed record IfMatch(bool IsPresent, IReadOnlyList<int>? Versions)
    {
        private static readonly IfMatch Absent = new(false, null);
        private static readonly IfMatch Any = new(true, null);

        /// <exception cref="ValidationFailedException">The header is not <c>*</c> or a list of entity tags.</exception>
        public static IfMatch Parse(string? header)
        {
            if (header is null)
            {
                return Absent;
            }

            if (header.Trim() == "*")
            {
                return Any;
            }

            var versions = new List<int>();
            foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // A weak tag (W/"7") never matches under If-Match's strong comparison, nor does a tag
                // this API never issued; both are well-formed, so they fail the precondition (412).
                var weak = part.StartsWith("W/", StringComparison.Ordinal);
                var tag = weak ? part[2..] : part;
                if (tag.Length < 2 || tag[0] != '"' || tag[^1] != '"' || tag[1..^1].Contains('"', StringComparison.Ordinal))
                {
                    throw ValidationFailedException.For(IfMatchHeader, "If-Match must be * or entity tags in quotes, such as \"3\", as sent in ETag.");
                }

                if (!weak && int.TryParse(tag[1..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
                {
                    versions.Add(version);
                }
            }

            if (versions.Count == 0 && !header.Contains('"', StringComparison.Ordinal))
            {
                throw ValidationFailedException.For(IfMatchHeader, "If-Match must be * or entity tags in quotes, such as \"3\", as sent in ETag.");
            }

            return new IfMatch(true, versions);
        }
    }
}
