using System.Net.Http.Json;
using AdminPortal.Features.Auth;

namespace AdminPortal.TestSupport;

/// <summary>Bearer tokens from the portal's own token endpoint, as an API client gets them.</summary>
public static class PortalTokens
{
    public const string Path = "api/auth/token";

    /// <summary>The access token of the staff member; a refusal is an error that says what the portal answered.</summary>
    public static async Task<string> RequestAsync(HttpClient client, string email, string password, string? code = null)
    {
        using var response = await client.PostAsJsonAsync(Path, new TokenRequest(email, password, code));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"POST {Path} as {email} answered {(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    /// <summary>Asks for a token and answers the status, for tests of refusals.</summary>
    public static async Task<System.Net.HttpStatusCode> TryAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync(Path, new TokenRequest(email, password));
        return response.StatusCode;
    }
}
