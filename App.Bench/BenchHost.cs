using AdminPortal.Data;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Bench;

/// <summary>
/// The app's own services over a new, migrated SQLite file of the bench's, in a folder that goes
/// with it: for the figures that compare two ways of one write in the same run.
/// </summary>
public sealed class BenchHost : IDisposable
{
    private readonly string _folder;
    private readonly IHost _host;

    private BenchHost(string folder, IHost host) => (_folder, _host) = (folder, host);

    public IServiceProvider Services => _host.Services;

    public IDbContextFactory<AppDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public static async Task<BenchHost> StartAsync(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"portal-bench-{name}", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration["ConnectionStrings:Default"] = $"Data Source={Path.Combine(folder, name + ".db")}";
        builder.Logging.ClearProviders();
        builder.AddAppDatabase();
        builder.AddUsers();
        builder.AddOrders();
        builder.AddPayments();
        var bench = new BenchHost(folder, builder.Build());
        await using var db = await bench.Contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return bench;
    }

    public void Dispose()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
