using AdminPortal.Features.Orders;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Components.Pages.Orders;

/// <summary>The order pages over the real services (see <see cref="PortalPageTest"/>).</summary>
public abstract class OrderPageTest : PortalPageTest
{
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
