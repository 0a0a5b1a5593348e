using System.Threading.Channels;
using AdminPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A few portals shared by the cases of one test class, each case on a fresh copy of the database
/// its portal started with (SQLite's online backup into the live file: milliseconds), for a
/// catalogue of cases where starting a host per case would be most of the time. At most
/// <c>count</c> cases run at once; the others wait for a portal. A case must not rely on memory the
/// app keeps beyond its database (the fake gateway's idempotency keys, the sign-in throttle):
/// those portals are for requests the app refuses or reads.
/// </summary>
public sealed class SharedPortals(int count = 2) : IAsyncDisposable
{
    private readonly Channel<Started> _idle = Channel.CreateUnbounded<Started>();
    private readonly List<Started> _all = [];
    private readonly Lock _gate = new();

    /// <summary>A portal to this case alone until the lease is disposed, on the database as its start-up left it.</summary>
    public async Task<Lease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (!_idle.Reader.TryRead(out var started))
        {
            started = TryStartAnother() ?? await _idle.Reader.ReadAsync(cancellationToken);
        }

        SqliteFiles.Restore(started.Snapshot, started.Portal.DatabasePath);
        return new Lease(started.Portal, () => _idle.Writer.TryWrite(started));
    }

    private Started? TryStartAnother()
    {
        lock (_gate)
        {
            if (_all.Count >= count)
            {
                return null;
            }

            var portal = new PortalFactory();
            // The host starts (migrations, first Admin) on first use; keep what it left.
            _ = portal.Services.GetRequiredService<IServiceScopeFactory>();
            var started = new Started(portal, portal.DatabasePath + ".start");
            SqliteFiles.Snapshot(portal.DatabasePath, started.Snapshot);
            _all.Add(started);
            return started;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var started in _all)
        {
            await started.Portal.DisposeAsync();
        }
    }

    private sealed record Started(PortalFactory Portal, string Snapshot);

    /// <summary>The portal lent to one case; disposing it gives the portal back.</summary>
    public sealed class Lease(PortalFactory portal, Action release) : IDisposable
    {
        public PortalFactory Portal { get; } = portal;

        public void Dispose() => release();
    }
}
