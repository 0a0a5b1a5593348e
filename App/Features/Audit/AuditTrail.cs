using System.Text.Json;
using System.Text.Json.Nodes;
using AdminPortal.Data;
using AdminPortal.Features.Common;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AdminPortal.Features.Audit;

/// <summary>
/// The one way an audit entry is written: added to the context of the write it describes, so the
/// caller's SaveChanges (inside its transaction) commits both or neither. The changes come from the
/// change tracker: a created record goes from null to its values, a deleted one from its values to
/// null, a modified one lists only the fields that changed. Only the fields named are recorded, so
/// nothing secret (a password hash, a security stamp, a key) can reach an entry.
/// </summary>
public static class AuditTrail
{
    public static AuditEntry Add(AppDbContext db, DateTime at, string actor, string action, string entity, string? entityId, AuditChanges changes)
    {
        var entry = new AuditEntry
        {
            At = at,
            Actor = actor.Trim().ToLowerInvariant(),
            Action = action,
            Entity = entity,
            EntityId = entityId,
            Changes = changes.ToJson(),
        };
        db.Set<AuditEntry>().Add(entry);
        return entry;
    }
}

/// <summary>The <c>{field: {from, to}}</c> of one audit entry, with values written as the API writes them.</summary>
public sealed class AuditChanges
{
    private static readonly JsonSerializerOptions Json = CreateOptions();

    private readonly JsonObject _fields = [];

    public static AuditChanges None => new();

    /// <summary>The named fields of a tracked entity as its pending write changes them (field names as the API spells them).</summary>
    public static AuditChanges Of(EntityEntry entry, params string[] properties)
    {
        var changes = new AuditChanges();
        foreach (var name in properties)
        {
            var property = entry.Property(name);
            switch (entry.State)
            {
                case Microsoft.EntityFrameworkCore.EntityState.Added:
                    changes.Set(name, null, property.CurrentValue);
                    break;
                case Microsoft.EntityFrameworkCore.EntityState.Deleted:
                    changes.Set(name, property.OriginalValue, null);
                    break;
                default:
                    if (!Equals(property.OriginalValue, property.CurrentValue))
                    {
                        changes.Set(name, property.OriginalValue, property.CurrentValue);
                    }

                    break;
            }
        }

        return changes;
    }

    public bool IsEmpty => _fields.Count == 0;

    public bool Has(string field) => _fields.ContainsKey(JsonNamingPolicy.CamelCase.ConvertName(field));

    public AuditChanges Set(string field, object? from, object? to)
    {
        _fields[JsonNamingPolicy.CamelCase.ConvertName(field)] = new JsonObject
        {
            ["from"] = JsonSerializer.SerializeToNode(from, Json),
            ["to"] = JsonSerializer.SerializeToNode(to, Json),
        };
        return this;
    }

    public string ToJson() => _fields.ToJsonString();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }
}
