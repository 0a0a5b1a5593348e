using System.Diagnostics;
using System.Globalization;
using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Features.Payments;
using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Bench;

/// <summary>
/// What the order's turn in the database costs (ADR 006): a Pay through the app's registered turn
/// against the same Pay through a turn held only in memory (what one process had before), in
/// interleaved rounds of the same run; and the managed memory after many moves of distinct orders,
/// which must not grow with the number of orders ever moved.
/// </summary>
public static class TurnsBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var pays = args.GetInt("pays", 400);
        var moves = args.GetInt("moves", 100_000);
        var results = new Results(args.Get("results"));
        using var bench = await BenchHost.StartAsync("turns");
        var services = bench.Services;
        var contexts = bench.Contexts;
        var ids = await AddOrdersAsync(contexts, pays * 2);
        var gateway = new FakePaymentGateway();
        var time = TimeProvider.System;
        var changes = services.GetRequiredService<IChangeNotifier>();
        var inDatabase = new OrderTransitionService(contexts, services.GetRequiredService<IOrderTurns>(), gateway, time, changes);
        var inMemory = new OrderTransitionService(contexts, new MemoryTurns(), gateway, time, changes);

        // Warm-up, then rounds that alternate, so both see the same machine.
        await PayAsync(inDatabase, ids[..10]);
        await PayAsync(inMemory, ids[10..20]);
        var database = new List<double>();
        var memory = new List<double>();
        var rest = ids[20..];
        for (var round = 0; round * 100 + 100 <= rest.Length; round++)
        {
            var slice = rest[(round * 100)..(round * 100 + 100)];
            (round % 2 == 0 ? database : memory).AddRange(await PayAsync(round % 2 == 0 ? inDatabase : inMemory, slice));
        }

        var withTurn = Percentiles.Of(database, 50);
        var without = Percentiles.Of(memory, 50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pay, median of {database.Count} / {memory.Count}: turn in the database {withTurn:F2} ms, turn in memory {without:F2} ms (p95 {Percentiles.Of(database, 95):F2} / {Percentiles.Of(memory, 95):F2} ms)"));
        results.Add("Pay with the turn in the database vs in memory: median", string.Create(CultureInfo.InvariantCulture,
            $"{Results.Ms(withTurn)} vs {Results.Ms(without)} (+{withTurn - without:F2} ms, ×{withTurn / without:F2})"), "info", null);

        var turns = services.GetRequiredService<IOrderTurns>();
        var before = Managed();
        var clock = Stopwatch.StartNew();
        for (var order = 1_000_000; order < 1_000_000 + moves; order++)
        {
            await using var turn = await turns.EnterAsync(order, CancellationToken.None);
        }

        var elapsed = clock.Elapsed;
        var after = Managed();
        await using var check = await contexts.CreateDbContextAsync();
        var left = await check.OrderTurns.CountAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{moves:N0} turns of distinct orders in {elapsed.TotalSeconds:F1} s ({elapsed.TotalMilliseconds * 1000 / moves:F0} µs each): managed heap {before / 1024:N0} KB before, {after / 1024:N0} KB after; {left} rows left"));
        results.Add($"Managed heap after {moves:N0} turns of distinct orders (before → after; rows left)",
            $"{Results.Kb(before)} → {Results.Kb(after)}; {left}", "no growth per order", after - before < 1024 * 1024 && left == 0);
        return 0;
    }

    private static long Managed()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<int[]> AddOrdersAsync(IDbContextFactory<AppDbContext> contexts, int count)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var user = new User { Name = "Bench", Email = "bench@example.com", Status = UserStatus.Active, CreatedAt = now, UpdatedAt = now };
        db.Users.Add(user);
        var orders = Enumerable.Range(0, count).Select(_ => new Order
        {
            User = user,
            Amount = 30m,
            Currency = Currency.USD,
            Status = OrderStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync();
        return [.. orders.Select(o => o.Id)];
    }

    private static async Task<List<double>> PayAsync(OrderTransitionService service, IEnumerable<int> orders)
    {
        var samples = new List<double>();
        foreach (var id in orders)
        {
            var start = Stopwatch.GetTimestamp();
            await service.TransitionAsync(new StatusChangeRequest(id, OrderStatus.Processing, "bench@example.com"));
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return samples;
    }

    /// <summary>One process's turn, as before ADR 006: no statement, nothing shared.</summary>
    private sealed class MemoryTurns : IOrderTurns
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task<IAsyncDisposable> EnterAsync(int orderId, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            return new Release(_gate);
        }

        private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                gate.Release();
                return ValueTask.CompletedTask;
            }
        }
    }
}
