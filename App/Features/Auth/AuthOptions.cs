namespace AdminPortal.Features.Auth;

/// <summary>The <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string Issuer = "admin-portal";
    public const string Audience = "admin-portal-api";

    /// <summary>
    /// Base64 key (at least 32 bytes) that signs API tokens. Empty: one made once and kept in the
    /// database, protected, for every instance (<see cref="TokenSigningKey"/>).
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>Lifetime of an API token.</summary>
    public int TokenLifetimeMinutes { get; set; } = 60;

    /// <summary>Sign-in and token requests allowed per client address per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Every staff member must enrol an authenticator before using the portal or the API.</summary>
    public bool RequireMfa { get; set; }
}
