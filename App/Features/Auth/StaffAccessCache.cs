using System.Collections.Concurrent;
using System.Security.Claims;
using AdminPortal.Data;
using AdminPortal.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AdminPortal.Features.Auth;

/// <summary>
/// What every bearer token is checked against (the member is enabled, has the token's security
/// stamp and role), held per instance so a request does not query the staff table. An entry goes
/// at once on every staff change, of this instance or another (the change notifications), and in
/// any case after <see cref="Lifetime"/>, which bounds how long a member disabled while the
/// notifications are down keeps using a token here (docs/decisions/008-staff-check-cache.md).
/// </summary>
public sealed class StaffAccessCache : IDisposable
{
    /// <summary>The longest an entry is trusted, whatever the notifications say.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly IDbContextFactory<AppDbContext> _contexts;
    private readonly IChangeNotifier _changes;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    // Counts evictions: a read that began before one is not stored, so a state read just before a
    // change commits cannot outlive the change's eviction.
    private long _evictions;

    public StaffAccessCache(IDbContextFactory<AppDbContext> contexts, IChangeNotifier changes, TimeProvider time)
    {
        _contexts = contexts;
        _changes = changes;
        _time = time;
        _subscription = changes.SubscribeInline(change =>
        {
            if (change.Entity == ChangedEntity.Staff)
            {
                Evict();
            }
        });
        // Changes may have been missed while the notifications were down, or were just resumed.
        changes.LiveChanged += Evict;
    }

    /// <summary>Is the staff member behind a valid token still enabled, with the token's stamp and role?</summary>
    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var (id, stamp, role) = TokenFacts(principal);
        if (id is null)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        if (!_entries.TryGetValue(id, out var entry) || now - entry.ReadAt >= Lifetime || now < entry.ReadAt)
        {
            entry = await ReadAsync(id, now, cancellationToken);
        }

        return entry.Access is { Disabled: false } access &&
               string.Equals(access.SecurityStamp, stamp, StringComparison.Ordinal) &&
               string.Equals(access.Role, role, StringComparison.Ordinal);
    }

    /// <summary>
    /// The token's member, stamp and role (each its first claim of that type), read in one pass:
    /// three <c>FindFirstValue</c> calls allocated a search each, on every API request.
    /// </summary>
    private static (string? Id, string? Stamp, string? Role) TokenFacts(ClaimsPrincipal principal)
    {
        string? id = null, stamp = null, role = null;
        foreach (var identity in principal.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                switch (claim.Type)
                {
                    case JwtRegisteredClaimNames.Sub: id ??= claim.Value; break;
                    case TokenService.StampClaim: stamp ??= claim.Value; break;
                    case TokenService.RoleClaim: role ??= claim.Value; break;
                }
            }
        }

        return (id, stamp, role);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _changes.LiveChanged -= Evict;
    }

    private async Task<Entry> ReadAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var evictions = Volatile.Read(ref _evictions);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entry = new Entry(await ReadAccess(db, id).FirstOrDefaultAsync(cancellationToken), now);
        lock (_gate)
        {
            if (_evictions == evictions)
            {
                _entries[id] = entry;
            }
        }

        return entry;
    }

    private void Evict()
    {
        lock (_gate)
        {
            _evictions++;
            _entries.Clear();
        }
    }

    // The three facts, read without tracking; a member has one role (none reads as no role).
    private static IQueryable<StaffAccess> ReadAccess(AppDbContext db, string id) =>
        from staff in db.Staff.AsNoTracking()
        where staff.Id == id
        let role = (from assignment in db.UserRoles
                    join r in db.Roles on assignment.RoleId equals r.Id
                    where assignment.UserId == staff.Id
                    orderby r.Name
                    select r.Name).FirstOrDefault()
        select new StaffAccess(staff.Disabled, staff.SecurityStamp, role);

    private sealed record StaffAccess(bool Disabled, string? SecurityStamp, string? Role);

    /// <summary>A member's access as read at <see cref="ReadAt"/>; null access: no such member.</summary>
    private sealed record Entry(StaffAccess? Access, DateTimeOffset ReadAt);
}
