using AdminPortal.Data;

namespace AdminPortal.Components.Shared;

/// <summary>What a page tells staff when a load or an action failed unexpectedly.</summary>
public static class PageErrors
{
    /// <summary>
    /// The database outage message when the database could not be reached (it passes by itself;
    /// staff should retry rather than report it), else <paramref name="otherwise"/>.
    /// </summary>
    public static string Describe(Exception exception, string otherwise) =>
        DbErrors.IsUnavailable(exception) ? DbErrors.UnavailableMessage : otherwise;
}
