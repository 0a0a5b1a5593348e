using System.Threading.Channels;
using AdminPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// Portals of the default settings shared by the integration tests of the whole run: a test leases
/// one for itself, on a fresh copy of the database the portal started with (SQLite's online backup
/// into the live file: milliseconds, where starting a host per test was most of its time), with
/// the fake gateway's memory, the staff checks and the log capture emptied
/// (<see cref="PortalApplication{TSelf}.RestoreDatabase"/>). As many portals as tests run at once
/// (MSTest runs one per core); a test that leases more waits for one. A test that changes what the
/// app holds beyond its database and those (the clock, a setting, a replaced service, Kestrel, the
/// throttle of unknown accounts, the host's disposal) makes a <see cref="PortalFactory"/> of its own.
/// </summary>
[TestClass]
public static class SharedPortals
{
    private static readonly Channel<Started> Idle = Channel.CreateUnbounded<Started>();
    private static readonly List<Started> All = [];
    private static readonly Lock Gate = new();

    /// <summary>A portal to this test alone until the lease is disposed, on the database as its start-up left it.</summary>
    public static async Task<Lease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (!Idle.Reader.TryRead(out var started))
        {
            started = TryStartAnother() ?? await Idle.Reader.ReadAsync(cancellationToken);
        }

        try
        {
            started.Portal.RestoreDatabase(started.Snapshot);
            started.Portal.Logs.Clear();
        }
        catch
        {
            Idle.Writer.TryWrite(started);
            throw;
        }

        return new Lease(started.Portal, () => Idle.Writer.TryWrite(started));
    }

    private static Started? TryStartAnother()
    {
        lock (Gate)
        {
            if (All.Count >= Environment.ProcessorCount)
            {
                return null;
            }

            var portal = new PortalFactory { Gateway = new FreshFakeGateway() };
            // The host starts (the template's database, the first Admin) on first use; keep what it left.
            _ = portal.Services.GetRequiredService<IServiceScopeFactory>();
            var started = new Started(portal, portal.DatabasePath + ".start");
            SqliteFiles.Snapshot(portal.DatabasePath, started.Snapshot);
            All.Add(started);
            return started;
        }
    }

    [AssemblyCleanup]
    public static async Task StopAsync()
    {
        foreach (var started in All)
        {
            await started.Portal.DisposeAsync();
        }
    }

    private sealed record Started(PortalFactory Portal, string Snapshot);

    /// <summary>The portal lent to one test; disposing it gives the portal back.</summary>
    public sealed class Lease(PortalFactory portal, Action release) : IDisposable
    {
        public PortalFactory Portal { get; } = portal;

        public void Dispose() => release();
    }
}
