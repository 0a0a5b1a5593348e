using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.TestSupport;
using Microsoft.Data.Sqlite;

namespace AdminPortal.Tests.Reliability;

/// <summary>
/// The app is killed (SIGKILL) in the middle of a stream of writes on SQLite and started again on
/// the same file: every write it acknowledged is there, and the database is consistent.
/// </summary>
[TestClass]
[TestCategory(Reliability.Category)]
public sealed class CrashSafetyTests
{
    private const int Writers = 4;
    private const int AcknowledgedBeforeKill = 60;

    private static readonly string[] PaidPath = ["pending", "processing", "shipped", "delivered"];
    private static readonly string[] CancelledPath = ["pending", "cancelled"];

    [TestMethod]
    public async Task A_killed_app_restarts_with_every_acknowledged_write_and_a_consistent_database()
    {
        using var folder = TestFolder.Create();
        var file = folder.File("portal.db");
        var log = new Acknowledged();
        await using (var first = await ChildPortal.StartAsync(file))
        {
            using var client = await first.AdminClientAsync();
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteUntilTheAppDiesAsync(client, w, log))).ToArray();
            await Reliability.PollAsync(() => log.Count >= AcknowledgedBeforeKill || writers.Any(w => w.IsCompleted), "writes to be acknowledged", 120);
            await first.KillAsync();
            await Task.WhenAll(writers);
            Assert.IsEmpty(log.Refused, "before the kill every write succeeded: " + string.Join("; ", log.Refused));
            Assert.IsGreaterThanOrEqualTo(AcknowledgedBeforeKill, log.Count, first.Output);
        }

        await using (var second = await ChildPortal.StartAsync(file))
        {
            using var client = await second.AdminClientAsync();
            foreach (var (id, email) in log.Users)
            {
                using var user = await client.GetAsync($"/api/users/{id}");
                Assert.AreEqual(HttpStatusCode.OK, user.StatusCode, $"acknowledged user {id}");
                Assert.AreEqual(email, (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
            }

            foreach (var (id, (path, step)) in log.Orders)
            {
                using var order = await client.GetAsync($"/api/orders/{id}");
                Assert.AreEqual(HttpStatusCode.OK, order.StatusCode, $"acknowledged order {id}");
                var status = (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
                // The last acknowledged move, or the next one if it committed just before the kill.
                var allowed = path.Skip(step).Take(2).ToArray();
                CollectionAssert.Contains(allowed, status, $"order {id} was acknowledged as {path[step]}");
            }

            await second.KillAsync();
        }

        AssertConsistent(file);
    }

    /// <summary>Users, then orders walked through their life cycle, each step after the last was acknowledged.</summary>
    private static async Task WriteUntilTheAppDiesAsync(HttpClient client, int writer, Acknowledged log)
    {
        try
        {
            for (var n = 0; ; n++)
            {
                var email = $"crash-{writer}-{n}@example.com";
                var user = await WriteAsync(client, "/api/users", new { name = $"Writer {writer} #{n}", email }, log);
                if (user is null)
                {
                    return;
                }

                log.Users[user.Value.GetProperty("id").GetInt32()] = email;
                foreach (var path in new[] { PaidPath, CancelledPath })
                {
                    var order = await WriteAsync(client, "/api/orders", new { userId = user.Value.GetProperty("id").GetInt32(), amount = 10.00m + n }, log);
                    if (order is null)
                    {
                        return;
                    }

                    var id = order.Value.GetProperty("id").GetInt32();
                    log.Orders[id] = (path, 0);
                    for (var step = 1; step < path.Length; step++)
                    {
                        if (await WriteAsync(client, $"/api/orders/{id}/transitions", new { to = path[step] }, log) is null)
                        {
                            return;
                        }

                        log.Orders[id] = (path, step);
                    }
                }
            }
        }
        catch (HttpRequestException)
        {
            // The app was killed: this write was never acknowledged.
        }
        catch (Exception e) when (e is TaskCanceledException or IOException or JsonException)
        {
            // Killed while the answer was on its way: not acknowledged either.
        }
    }

    private static async Task<JsonElement?> WriteAsync(HttpClient client, string path, object body, Acknowledged log)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            log.Refused.Enqueue($"{path} answered {(int)response.StatusCode}: {json}");
            return null;
        }

        log.Acknowledge();
        return json;
    }

    private static void AssertConsistent(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        Assert.AreEqual("ok", Scalar(connection, "PRAGMA integrity_check"));
        Assert.AreEqual(0L, Scalar(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check"), "no row points at a missing one");
        Assert.AreEqual(0L, Scalar(connection, """
            SELECT COUNT(*) FROM Orders o
            WHERE o.Status IS NOT (SELECT h."To" FROM OrderStatusChanges h WHERE h.OrderId = o.Id ORDER BY h.Id DESC LIMIT 1)
            """), "every order's history ends at its status");
        Assert.AreEqual(0L, Scalar(connection, """
            SELECT COUNT(*) FROM Orders o
            WHERE o.Status IN ('processing', 'shipped', 'delivered')
              AND (o.PaymentTransactionId IS NULL OR NOT EXISTS (
                  SELECT 1 FROM PaymentRecords p
                  WHERE p.OrderId = o.Id AND p.Kind = 'charge' AND p.Status = 'succeeded' AND p.TransactionId = o.PaymentTransactionId))
            """), "every paid order has its successful charge");
        Assert.AreEqual(0L, Scalar(connection, """
            SELECT COUNT(*) FROM (SELECT OrderId FROM PaymentRecords WHERE Kind = 'charge' AND Status = 'succeeded' GROUP BY OrderId HAVING COUNT(*) > 1)
            """), "no order is charged twice");
        Assert.IsGreaterThan(0L, (long)Scalar(connection, "SELECT COUNT(*) FROM Orders WHERE Status = 'delivered'")!, "the stream got far enough to matter");
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private sealed class Acknowledged
    {
        private int _count;

        public ConcurrentDictionary<int, string> Users { get; } = new();

        public ConcurrentDictionary<int, (string[] Path, int Step)> Orders { get; } = new();

        public ConcurrentQueue<string> Refused { get; } = new();

        public int Count => Volatile.Read(ref _count);

        public void Acknowledge() => Interlocked.Increment(ref _count);
    }
}
