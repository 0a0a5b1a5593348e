namespace AdminPortal.Features.Common;

/// <summary>
/// An entity guarded by optimistic concurrency: <see cref="Version"/> is the concurrency token and
/// <see cref="Data.AppDbContext"/> increments it on every write, so a writer holding an older version
/// gets a conflict instead of silently overwriting someone else's change.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
