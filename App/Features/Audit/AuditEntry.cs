namespace AdminPortal.Features.Audit;

/// <summary>
/// Who did what (docs/contract.md §3): one row per audited action, written in the transaction of
/// the write it describes and never changed or deleted through the portal or the API.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The staff member's email, or the email that was tried for a failed sign-in.</summary>
    public required string Actor { get; set; }

    /// <summary>One of <see cref="AuditActions.All"/>, e.g. <c>user.updated</c>.</summary>
    public required string Action { get; set; }

    /// <summary><c>user</c>, <c>order</c>, <c>staff</c> or <c>auth</c>.</summary>
    public required string Entity { get; set; }

    /// <summary>The id of what changed; null for <c>auth</c>.</summary>
    public string? EntityId { get; set; }

    /// <summary>What the write changed, as JSON <c>{field: {from, to}}</c>; <c>{}</c> when it changed no field.</summary>
    public required string Changes { get; set; }
}
