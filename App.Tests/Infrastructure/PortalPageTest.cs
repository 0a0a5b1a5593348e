using AdminPortal.Data;
using AdminPortal.Features.Audit;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A page rendered over the real services and a real SQLite database of its own, in memory; only time, the change
/// notifier and (unless a test registers another before rendering) the payment gateway are test
/// doubles. Tests sign in (with the real policies) before rendering.
/// </summary>
public abstract class PortalPageTest : ComponentTest
{
    protected static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    protected TestDatabase Database { get; private set; } = null!;

    protected RecordingNotifier Changes { get; } = new();

    protected FakeTimeProvider Time { get; } = new(Now);

    [TestInitialize]
    public async Task CreateDatabase()
    {
        Database = await TestDatabase.CreateInMemoryAsync();
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(Database);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<IChangeNotifier>(Changes);
        Services.AddSingleton<IPaymentGateway, FakePaymentGateway>();
        Services.AddUsers();
        Services.AddOrders();
        Services.AddAudit();
    }

    /// <summary>
    /// A move made by another staff member, through the same rule as every move. With
    /// <paramref name="announced"/> false its change notice never reaches the page, as when it was
    /// made on another instance whose notice is late.
    /// </summary>
    protected Task<OrderDto> MoveAsSomeoneElseAsync(int orderId, OrderStatus to, string changedBy, string? reason = null, bool announced = true) =>
        new OrderTransitionService(Database, OrderTurns.Of(Database, Time), new FakePaymentGateway(), Time, announced ? Changes : new RecordingNotifier())
            .TransitionAsync(new StatusChangeRequest(orderId, to, changedBy, reason));

    [TestCleanup]
    public async Task DropDatabase() => await Database.DisposeAsync();
}
