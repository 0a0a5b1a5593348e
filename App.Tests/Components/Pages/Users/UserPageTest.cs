using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Components.Pages.Users;

/// <summary>
/// The users pages over the real services and a real SQLite file of their own; only time and the
/// change notifier are test doubles. Tests sign in (with the real policies) before rendering.
/// </summary>
public abstract class UserPageTest : ComponentTest
{
    protected static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    protected TestDatabase Database { get; private set; } = null!;

    protected RecordingNotifier Changes { get; } = new();

    protected FakeTimeProvider Time { get; } = new(Now);

    /// <summary>The same services the page uses, for changes made "by someone else".</summary>
    protected UsersService UsersService => new(Database, Time, Changes);

    protected OrdersService OrdersService => new(Database, Time, Changes);

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [TestInitialize]
    public async Task CreateDatabase()
    {
        Database = await TestDatabase.CreateAsync();
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(Database);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<IChangeNotifier>(Changes);
        Services.AddScoped<UsersService>();
        Services.AddScoped<OrdersService>();
    }

    [TestCleanup]
    public async Task DropDatabase() => await Database.DisposeAsync();

    protected async Task<User> AddAsync(User user)
    {
        await using var db = Database.CreateDbContext();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    protected async Task AddAsync(params User[] users)
    {
        await using var db = Database.CreateDbContext();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
    }

    protected async Task<Order> AddAsync(Order order)
    {
        await using var db = Database.CreateDbContext();
        if (order.User is { Id: > 0 } existing)
        {
            // The user is already stored: attach it rather than insert it again.
            db.Users.Attach(existing);
        }

        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    protected async Task<UserDto> ReadUserAsync(int id) => await UsersService.GetAsync(id);

    protected async Task<int> CountUsersAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Users.CountAsync();
    }

    protected async Task<int> CountOrdersAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Orders.CountAsync();
    }

    /// <summary>A write that bypasses the services, so no change is published: the page cannot know of it.</summary>
    protected async Task ChangeSilentlyAsync(int userId, Action<User> change)
    {
        await using var db = Database.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        change(user);
        await db.SaveChangesAsync();
    }
}
