namespace AdminPortal.Features.Auth;

/// <summary>
/// The API tokens' signing key when <c>Auth:TokenSigningKey</c> is not set: made once by the first
/// instance to start, kept in the database protected by Data Protection (whose keys are in the
/// database too), so every instance signs alike and tokens outlive a restart.
/// </summary>
public sealed class StoredSigningKey
{
    public required string Purpose { get; set; }

    /// <summary>The key, protected; never the key itself.</summary>
    public required string ProtectedKey { get; set; }

    public DateTime CreatedAt { get; set; }
}
