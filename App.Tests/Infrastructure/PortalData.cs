using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// Reads and writes the database of a running <see cref="PortalFactory"/> directly: to arrange data
/// the API is then asked about, and to see exactly what a request did or did not write.
/// </summary>
public static class PortalData
{
    public static async Task<User> AddUserAsync(this PortalFactory portal, UserBuilder user)
    {
        var built = user.Build();
        await using var db = await ContextAsync(portal);
        db.Users.Add(built);
        await db.SaveChangesAsync();
        return built;
    }

    public static async Task<Order> AddOrderAsync(this PortalFactory portal, int userId, OrderBuilder order)
    {
        await using var db = await ContextAsync(portal);
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        var built = order.ForUser(user).Build();
        db.Orders.Add(built);
        await db.SaveChangesAsync();
        return built;
    }

    /// <summary>
    /// Every row of the four domain tables, one line each, in id order: two snapshots are equal only
    /// when nothing was added, removed or changed.
    /// </summary>
    public static async Task<DatabaseSnapshot> SnapshotAsync(this PortalFactory portal)
    {
        await using var db = await ContextAsync(portal);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => $"user {u.Id}|{u.Name}|{u.Email}|{u.Status}|{u.UpdatedAt:O}|{u.Version}").ToListAsync();
        var orders = await db.Orders.AsNoTracking().OrderBy(o => o.Id)
            .Select(o => $"order {o.Id}|{o.UserId}|{o.Amount}|{o.Currency}|{o.Status}|{o.PaymentTransactionId}|{o.UpdatedAt:O}|{o.Version}").ToListAsync();
        var history = await db.OrderStatusChanges.AsNoTracking().OrderBy(h => h.Id)
            .Select(h => $"history {h.Id}|{h.OrderId}|{h.From}|{h.To}|{h.ChangedBy}|{h.Reason}").ToListAsync();
        var payments = await db.PaymentRecords.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => $"payment {p.Id}|{p.OrderId}|{p.Kind}|{p.Amount}|{p.Status}|{p.TransactionId}").ToListAsync();
        return new DatabaseSnapshot(users, orders, history, payments);
    }

    private static Task<AppDbContext> ContextAsync(PortalFactory portal) =>
        portal.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
}

/// <summary>The rows of Users, Orders, OrderStatusChanges and PaymentRecords at one moment.</summary>
public sealed record DatabaseSnapshot(
    IReadOnlyList<string> Users, IReadOnlyList<string> Orders, IReadOnlyList<string> History, IReadOnlyList<string> Payments)
{
    /// <summary>Fails naming the first difference, counts first.</summary>
    public void AssertUnchangedSince(DatabaseSnapshot before, string context)
    {
        Assert.AreEqual(
            (before.Users.Count, before.Orders.Count, before.History.Count, before.Payments.Count),
            (Users.Count, Orders.Count, History.Count, Payments.Count),
            $"{context}: row counts (users, orders, history, payments) changed");
        foreach (var (was, now) in before.Rows().Zip(Rows()))
        {
            Assert.AreEqual(was, now, $"{context}: a row changed");
        }
    }

    private IEnumerable<string> Rows() => Users.Concat(Orders).Concat(History).Concat(Payments);
}
