namespace AdminPortal.Features.Auth;

/// <summary>
/// Failed sign-ins for an email that has no staff account, counted in the database so that it
/// locks out as a real account would, on every instance alike: the answer never tells whether an
/// account exists.
/// </summary>
public sealed class UnknownAccountFailure
{
    /// <summary>The email as tried, trimmed and upper-cased.</summary>
    public required string Email { get; set; }

    public int Failures { get; set; }

    public DateTime? LockedUntil { get; set; }

    /// <summary>When the row last changed; rows long unchanged are removed.</summary>
    public DateTime UpdatedAt { get; set; }
}
