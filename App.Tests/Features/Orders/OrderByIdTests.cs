using System.Text.Json;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Features.Orders;

/// <summary>
/// The order read by id runs its own statement on SQLite, without EF Core: it must give exactly
/// what the model reads for the same row, for every kind of value the model stores.
/// </summary>
[TestClass]
public sealed class OrderByIdTests
{
    private static readonly DateTime Created = new DateTime(2026, 3, 1, 13, 45, 7, DateTimeKind.Utc).AddTicks(1_234_567);

    [TestMethod]
    [DataRow(false, DisplayName = "a database file")]
    [DataRow(true, DisplayName = "a database in memory")]
    public async Task Reads_every_stored_value_as_the_model_reads_it(bool inMemory)
    {
        await using var database = inMemory ? await TestDatabase.CreateInMemoryAsync() : await TestDatabase.CreateAsync();
        var orders = new List<Order>();
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            foreach (var (amount, currency) in new[] { (0.01m, Currency.USD), (12.30m, Currency.EUR), (999_999.99m, Currency.GBP), (1_877.1m, Currency.EUR) })
            {
                orders.Add(new OrderBuilder().WithAmount(amount, currency).InStatus(status).CreatedAt(Created.AddDays(orders.Count)).Build());
            }
        }

        await using (var db = database.CreateDbContext())
        {
            db.Orders.AddRange(orders);
            await db.SaveChangesAsync();
            // A later change: another update time and version, a gateway id of its own.
            orders[^1].UpdatedAt = Created.AddDays(40).AddTicks(7);
            orders[^1].PaymentTransactionId = "ch_\"quoted\"_é";
            await db.SaveChangesAsync();
        }

        var byId = new OrderById(database);
        var compiled = new OrderById(database, plainStatementOnSqlite: false);
        await using var read = database.CreateDbContext();
        foreach (var order in orders)
        {
            var expected = await read.Orders.AsNoTracking().Where(o => o.Id == order.Id)
                .Select(o => new OrderDto(o.Id, o.UserId, o.Amount, o.Currency, o.Status, o.PaymentTransactionId, o.CreatedAt, o.UpdatedAt, o.Version))
                .SingleAsync();

            var actual = await byId.FindAsync(order.Id);

            Assert.IsNotNull(actual);
            Assert.AreEqual(expected, actual, $"order {order.Id}");
            // Record equality compares decimals by value and dates by ticks: the API writes both exactly.
            var json = JsonSerializer.Serialize(expected, JsonSerializerOptions.Web);
            Assert.AreEqual(json, JsonSerializer.Serialize(actual, JsonSerializerOptions.Web));
            Assert.AreEqual(DateTimeKind.Utc, actual.CreatedAt.Kind);
            Assert.AreEqual(DateTimeKind.Utc, actual.UpdatedAt.Kind);
            // The compiled query, which other providers run, gives the same.
            Assert.AreEqual(json, JsonSerializer.Serialize(await compiled.FindAsync(order.Id), JsonSerializerOptions.Web));
        }

        Assert.AreEqual(2, (await byId.FindAsync(orders[^1].Id))!.Version, "the changed order's version");
    }

    [TestMethod]
    public async Task An_unknown_id_reads_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.IsNull(await new OrderById(database).FindAsync(404));
        Assert.IsNull(await new OrderById(database, plainStatementOnSqlite: false).FindAsync(404));
    }

    [TestMethod]
    public async Task A_change_is_read_at_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = new OrderBuilder().Build();
        await using (var db = database.CreateDbContext())
        {
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        }

        var byId = new OrderById(database);
        Assert.AreEqual(OrderStatus.Pending, (await byId.FindAsync(order.Id))!.Status);

        await using (var db = database.CreateDbContext())
        {
            var stored = await db.Orders.SingleAsync(o => o.Id == order.Id);
            stored.Status = OrderStatus.Processing;
            await db.SaveChangesAsync();
        }

        var after = await byId.FindAsync(order.Id);
        Assert.AreEqual(OrderStatus.Processing, after!.Status);
        Assert.AreEqual(2, after.Version);
    }
}
