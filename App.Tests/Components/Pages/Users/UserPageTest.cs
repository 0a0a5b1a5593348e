using AdminPortal.Features.Orders;
using AdminPortal.Features.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Pages.Users;

/// <summary>The users pages over the real services (see <see cref="PortalPageTest"/>).</summary>
public abstract class UserPageTest : PortalPageTest
{
    /// <summary>The same services the page uses, for changes made "by someone else".</summary>
    protected UsersService UsersService => new(Database, Time, Changes);

    protected OrdersService OrdersService => new(Database, Time, Changes);

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

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
