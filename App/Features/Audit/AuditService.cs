using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Audit;

/// <summary>An audit entry as the API and the pages show it; <see cref="Changes"/> is <c>{field: {from, to}}</c>.</summary>
public sealed record AuditEntryDto(long Id, DateTime At, string Actor, string Action, string Entity, string? EntityId, JsonElement Changes);

/// <summary>A filtered page of audit entries, newest first; null values mean "not filtered" or the default.</summary>
public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? Entity = null,
    string? EntityId = null,
    DateTime? From = null,
    DateTime? To = null,
    int? Page = null,
    int? PageSize = null)
{
    public const string FromAfterTo = "From must not be after to.";

    public static string ActionUnknown => $"Action must be one of {string.Join(", ", AuditActions.All)}.";

    public static string EntityUnknown => $"Entity must be one of {string.Join(", ", AuditActions.Entities)}.";
}

/// <summary>Reading the audit trail; nothing here writes it (<see cref="AuditTrail"/> does, with each write).</summary>
public sealed class AuditService(IDbContextFactory<AppDbContext> contexts)
{
    /// <exception cref="ValidationFailedException">A filter or the paging is invalid.</exception>
    public async Task<Page<AuditEntryDto>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var (page, pageSize) = ListRules.ValidatePaging(query.Page, query.PageSize, errors);
        errors.Add("action", query.Action is { } action && !AuditActions.All.Contains(action) ? AuditQuery.ActionUnknown : null);
        errors.Add("entity", query.Entity is { } entity && !AuditActions.Entities.Contains(entity) ? AuditQuery.EntityUnknown : null);
        errors.Add("from", query.From is { } from && query.To is { } to && from > to ? AuditQuery.FromAfterTo : null);
        errors.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.Actor == actor);
        }

        if (query.Action is { } actionFilter)
        {
            entries = entries.Where(e => e.Action == actionFilter);
        }

        if (query.Entity is { } entityFilter)
        {
            entries = entries.Where(e => e.Entity == entityFilter);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            var id = query.EntityId.Trim();
            entries = entries.Where(e => e.EntityId == id);
        }

        if (query.From is { } since)
        {
            entries = entries.Where(e => e.At >= since);
        }

        if (query.To is { } until)
        {
            entries = entries.Where(e => e.At <= until);
        }

        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Page<AuditEntryDto>([.. rows.Select(ToDto)], page, pageSize, total);
    }

    private static AuditEntryDto ToDto(AuditEntry entry)
    {
        using var changes = JsonDocument.Parse(entry.Changes);
        return new AuditEntryDto(entry.Id, entry.At, entry.Actor, entry.Action, entry.Entity, entry.EntityId, changes.RootElement.Clone());
    }
}
