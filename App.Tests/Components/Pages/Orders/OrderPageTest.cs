using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Components.Pages.Orders;

/// <summary>
/// The order pages rendered over the real services and a real SQLite file of their own. The
/// gateway is the deterministic fake of SPEC §8 unless a test registers another before rendering.
/// </summary>
public abstract class OrderPageTest : ComponentTest
{
    protected static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    protected TestDatabase Database { get; private set; } = null!;

    protected RecordingNotifier Changes { get; } = new();

    protected FakeTimeProvider Time { get; } = new(Now);

    [TestInitialize]
    public async Task CreateDatabase()
    {
        Database = await TestDatabase.CreateAsync();
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(Database);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<IChangeNotifier>(Changes);
        Services.AddSingleton<IPaymentGateway, FakePaymentGateway>();
        Services.AddScoped<OrdersService>();
        Services.AddScoped<OrderStatusService>();
        Services.AddScoped<OrderTransitionService>();
        Services.AddScoped<UsersService>();
    }

    [TestCleanup]
    public async Task DropDatabase() => await Database.DisposeAsync();

    /// <summary>Saves the orders (and their users) and returns their ids in the order given.</summary>
    protected async Task<int[]> AddAsync(params Order[] orders)
    {
        await using var db = Database.CreateDbContext();
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync();
        return [.. orders.Select(o => o.Id)];
    }

    protected async Task<Order> ReadOrderAsync(int id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Orders.AsNoTracking().Include(o => o.Payments).Include(o => o.History).SingleAsync(o => o.Id == id);
    }
}
