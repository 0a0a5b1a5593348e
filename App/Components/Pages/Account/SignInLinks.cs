using AdminPortal.Features.Auth;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.Components.Pages.Account;

/// <summary>Where the steps of signing in lead.</summary>
public static class SignInLinks
{
    public const string CodePath = AuthFeature.SignInPath + "/code";

    /// <summary>Only a path on this site: an open redirect would let a phishing link borrow the portal's name.</summary>
    public static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    /// <summary>The second step, carrying where to go once signed in.</summary>
    public static string CodeStep(string? returnUrl) =>
        returnUrl is null ? CodePath : QueryHelpers.AddQueryString(CodePath, "ReturnUrl", LocalOnly(returnUrl));
}
