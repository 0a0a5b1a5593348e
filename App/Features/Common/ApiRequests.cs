namespace AdminPortal.Features.Common;

/// <summary>Which requests are the API's: everything below <c>/api</c>. Pages and the API answer differently (problem+json, bearer tokens, no redirects).</summary>
public static class ApiRequests
{
    public const string Root = "/api";

    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);
}
