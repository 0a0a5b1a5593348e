using System.Diagnostics;
using System.Threading.Channels;

namespace AdminPortal.E2E.Infrastructure;

/// <summary>
/// One in-process portal per worker, each on its own SQLite file. The seeded database is built
/// once per run as a template (a file, and a copy in memory); a test borrows a portal and gets the
/// template's content restored into that portal's database first (SQLite's online backup:
/// milliseconds, <see cref="TemplateDatabase"/>), so parallel tests never
/// see each other's writes and every test starts from the same data. Against a deployed portal
/// (<c>baseUrl</c>) the pool only limits how many tests run at once.
/// </summary>
public sealed class PortalPool : IAsyncDisposable
{
    private readonly List<PortalHost> _hosts;
    private readonly Channel<PortalHost> _idle;
    private readonly string? _template;
    private readonly TemplateDatabase? _templateInMemory;

    private PortalPool(List<PortalHost> hosts, string? template)
    {
        _hosts = hosts;
        _template = template;
        _templateInMemory = template is null ? null : new TemplateDatabase(template);
        _idle = Channel.CreateUnbounded<PortalHost>();
        foreach (var host in hosts)
        {
            _idle.Writer.TryWrite(host);
        }
    }

    public IReadOnlyList<PortalHost> Hosts => _hosts;

    public static async Task<PortalPool> StartAsync(E2EConfig config)
    {
        if (config.BaseUrl is { } external)
        {
            return new PortalPool(Enumerable.Range(0, config.Workers).Select(_ => PortalHost.External(external)).ToList(), null);
        }

        // The first portal seeds its own file at start-up, and gets a member of each other role;
        // a snapshot of it is the template.
        var first = PortalHost.StartInProcess();
        using (var api = new PortalApi(first))
        {
            foreach (var role in PortalHost.TemplateRoles)
            {
                await api.CreateStaffAsync(role, PortalHost.TemplateMember(role).Email);
            }
        }

        var template = Path.Combine(Path.GetTempPath(), "portal-e2e", $"template-{Guid.NewGuid():N}.db");
        first.BackupTo(template);
        var hosts = new List<PortalHost> { first };
        for (var i = 1; i < config.Workers; i++)
        {
            hosts.Add(PortalHost.StartInProcess(template));
        }

        return new PortalPool(hosts, template);
    }

    /// <summary>Waits for a free portal and gives it a fresh copy of the seeded database; the time it took to restore.</summary>
    public async Task<(PortalHost Host, TimeSpan FreshDatabase)> AcquireAsync(CancellationToken cancellationToken)
    {
        var host = await _idle.Reader.ReadAsync(cancellationToken);
        if (_templateInMemory is null || !host.IsInProcess)
        {
            return (host, TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            host.RestoreFrom(_templateInMemory);
        }
        catch
        {
            Release(host);
            throw;
        }

        return (host, clock.Elapsed);
    }

    public void Release(PortalHost host) => _idle.Writer.TryWrite(host);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Where(h => h.IsInProcess))
        {
            await host.DisposeAsync();
        }

        _templateInMemory?.Dispose();
        if (_template is not null)
        {
            foreach (var file in new[] { _template, _template + "-wal", _template + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
