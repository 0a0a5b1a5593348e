using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AdminPortal.Bench;

/// <summary>
/// The soak: API writes and reads on loopback for a fixed time from a few workers (create a
/// user, give them an order, pay and ship it, read it back in several ways), counting every
/// unexpected answer as an error, while the server's memory is sampled. After a warm-up the managed
/// heap is measured (forced full GC), and again at the end: what grew in between is a leak.
/// </summary>
public static class Soak
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var url = args.Get("url").TrimEnd('/');
        var pid = int.Parse(args.Get("pid"), CultureInfo.InvariantCulture);
        var seconds = args.GetInt("seconds", 60);
        var workers = args.GetInt("workers", 8);
        var maxUser = args.GetInt("max-user", 1000);
        var work = args.Get("work");
        var results = new Results(args.Get("results"));

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers }) { BaseAddress = new Uri(url) };
        var token = await http.PostAsJsonAsync("/api/auth/token", new { email = args.Get("email"), password = args.Get("password") });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        var stats = new SoakStats();
        var warmUp = TimeSpan.FromSeconds(Math.Max(10, seconds / 4));
        var run = TimeSpan.FromSeconds(seconds);
        var clock = Stopwatch.StartNew();
        var runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var load = Enumerable.Range(0, workers)
            .Select(w => Task.Run(() => WorkerAsync(http, stats, w, runId, maxUser, clock, run)))
            .ToArray();

        var samples = new List<string>();
        MemorySnapshot? afterWarmUp = null;
        while (load.Any(t => !t.IsCompleted))
        {
            await Task.WhenAny(Task.WhenAll(load), Task.Delay(5000));
            if (load.All(t => t.IsCompleted))
            {
                break;
            }

            var (privateBytes, workingSet) = ServerMemory.ProcessBytes(pid);
            var sample = string.Create(CultureInfo.InvariantCulture,
                $"{clock.Elapsed.TotalSeconds,4:F0} s: {stats.Operations,7:N0} ops, {stats.Errors} errors, working set {Results.Mb(workingSet)}, private {Results.Mb(privateBytes)}");
            samples.Add(sample);
            Console.WriteLine("  " + sample);
            if (afterWarmUp is null && clock.Elapsed >= warmUp)
            {
                afterWarmUp = await ServerMemory.ReadAsync(pid, work);
                Console.WriteLine($"  after warm-up ({clock.Elapsed.TotalSeconds:F0} s): live heap {Results.Mb(afterWarmUp.LiveHeapBytes)}");
            }
        }

        await Task.WhenAll(load);
        var elapsed = clock.Elapsed;
        var end = await ServerMemory.ReadAsync(pid, work);
        afterWarmUp ??= end;
        Console.WriteLine($"  end ({elapsed.TotalSeconds:F0} s): live heap {Results.Mb(end.LiveHeapBytes)}, working set {Results.Mb(end.WorkingSetBytes)}");
        File.WriteAllLines(Path.Combine(work, "soak-memory.txt"), samples);
        foreach (var error in stats.ErrorSamples.Take(10))
        {
            Console.WriteLine("  error: " + error);
        }

        var latencies = stats.Latencies.ToArray();
        results.Add($"Soak: {workers} workers, {elapsed.TotalSeconds:F0} s, API operations (req/s, p50, p99)",
            string.Create(CultureInfo.InvariantCulture,
                $"{stats.Operations:N0} ({stats.Operations / elapsed.TotalSeconds:F0}/s, p50 {Results.Ms(Percentiles.Of(latencies, 50))}, p99 {Results.Ms(Percentiles.Of(latencies, 99))}); {stats.Writes:N0} writes"),
            "≥ 60 s", seconds >= 60 ? elapsed.TotalSeconds >= 60 : null);
        results.Add("Soak: errors (unexpected status or exception)", stats.Errors.ToString(CultureInfo.InvariantCulture), "0", stats.Errors == 0);

        // Growth after warm-up: the live heap after a forced full GC, which garbage cannot blur.
        // 10% (at least 2 MB) allows for caches that fill once (connection pool, query cache).
        var growth = end.LiveHeapBytes - afterWarmUp.LiveHeapBytes;
        var allowed = Math.Max(2 * 1024 * 1024, afterWarmUp.LiveHeapBytes / 10);
        results.Add("Soak: managed heap after warm-up → end (live bytes after forced full GC)",
            $"{Results.Mb(afterWarmUp.LiveHeapBytes)} → {Results.Mb(end.LiveHeapBytes)} ({(growth >= 0 ? "+" : "")}{Results.Mb(growth)})",
            $"no growth (≤ +{Results.Mb(allowed)})", growth <= allowed);
        results.Add("Soak: working set after warm-up → end",
            $"{Results.Mb(afterWarmUp.WorkingSetBytes)} → {Results.Mb(end.WorkingSetBytes)}", "reported", null);
        return 0;
    }

    private static async Task WorkerAsync(HttpClient http, SoakStats stats, int worker, string runId, int maxUser, Stopwatch clock, TimeSpan run)
    {
        var random = new Random(worker);
        for (var n = 0; clock.Elapsed < run; n++)
        {
            try
            {
                var user = await SendAsync(stats, HttpStatusCode.Created, true, () =>
                    http.PostAsJsonAsync("/api/users", new { name = $"Soak {worker} {n}", email = $"soak-{runId}-{worker}-{n}@example.com" }));
                var userId = user.GetProperty("id").GetInt32();
                // Whole and .25 amounts: never the .51/.52 the fake gateway declines.
                var amount = 10 + (n % 90) + (n % 2 == 0 ? 0.25m : 0m);
                var order = await SendAsync(stats, HttpStatusCode.Created, true, () =>
                    http.PostAsJsonAsync("/api/orders", new { userId, amount, currency = "EUR" }));
                var orderId = order.GetProperty("id").GetInt32();
                await SendAsync(stats, HttpStatusCode.OK, true, () =>
                    http.PostAsJsonAsync($"/api/orders/{orderId}/transitions", new { to = "processing" }));
                await SendAsync(stats, HttpStatusCode.OK, false, () => http.GetAsync($"/api/orders/{orderId}"));
                await SendAsync(stats, HttpStatusCode.OK, false, () => http.GetAsync($"/api/orders/{orderId}/history"));
                await SendAsync(stats, HttpStatusCode.OK, false, () => http.GetAsync($"/api/orders/{orderId}/payments"));
                await SendAsync(stats, HttpStatusCode.OK, true, () =>
                    http.PostAsJsonAsync($"/api/orders/{orderId}/transitions", new { to = n % 3 == 0 ? "cancelled" : "shipped" }));
                await SendAsync(stats, HttpStatusCode.OK, false, () => http.GetAsync($"/api/orders?userId={userId}"));
                await SendAsync(stats, HttpStatusCode.OK, false, () => http.GetAsync($"/api/users/{random.Next(1, maxUser + 1)}"));
                await SendAsync(stats, HttpStatusCode.OK, false, () => http.GetAsync($"/api/orders?status=pending&sort=-amount&page={random.Next(1, 20)}"));
                await SendAsync(stats, HttpStatusCode.OK, false, () => http.GetAsync("/api/users?search=Ada&pageSize=10"));
            }
            catch (SoakException)
            {
                // Counted already; the rest of this round depended on it.
            }
        }
    }

    private static async Task<JsonElement> SendAsync(SoakStats stats, HttpStatusCode expected, bool isWrite, Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            stats.Record(clock.Elapsed.TotalMilliseconds, isWrite);
            if (response.StatusCode != expected)
            {
                stats.Error($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
                throw new SoakException();
            }

            return JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (HttpRequestException e)
        {
            stats.Error(e.Message);
            throw new SoakException();
        }
    }

    private sealed class SoakException : Exception;

    private sealed class SoakStats
    {
        private long _operations;
        private long _writes;
        private long _errors;

        public ConcurrentBag<double> Latencies { get; } = [];

        public ConcurrentQueue<string> ErrorSamples { get; } = new();

        public long Operations => Interlocked.Read(ref _operations);

        public long Writes => Interlocked.Read(ref _writes);

        public long Errors => Interlocked.Read(ref _errors);

        public void Record(double milliseconds, bool isWrite)
        {
            Interlocked.Increment(ref _operations);
            if (isWrite)
            {
                Interlocked.Increment(ref _writes);
            }

            Latencies.Add(milliseconds);
        }

        public void Error(string message)
        {
            Interlocked.Increment(ref _errors);
            if (ErrorSamples.Count < 20)
            {
                ErrorSamples.Enqueue(message);
            }
        }
    }
}
