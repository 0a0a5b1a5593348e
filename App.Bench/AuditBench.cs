using System.Diagnostics;
using System.Globalization;
using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Bench;

/// <summary>
/// What the audit trail costs a write: one user update through <see cref="UsersService"/> (which
/// adds its audit entry to the same save) against the same update as the service made it before
/// the audit trail (the same reads and the same single save, without the entry), interleaved in
/// rounds of one run over one database.
/// </summary>
public static class AuditBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var updates = args.GetInt("updates", 400);
        var results = new Results(args.Get("results"));
        using var bench = await BenchHost.StartAsync("audit");
        var contexts = bench.Contexts;
        await using var scope = bench.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UsersService>();
        var audited = await users.CreateAsync("Audited", "audited@example.com", "bench@example.com");
        var plain = await users.CreateAsync("Plain", "plain@example.com", "bench@example.com");

        var withEntry = new List<double>();
        var without = new List<double>();
        for (var i = 0; i < updates + 20; i++)
        {
            // Warm-up first; then alternate, so both see the same machine and the same database.
            var name = $"Name {i}";
            var start = Stopwatch.GetTimestamp();
            await users.UpdateAsync(audited.Id, new UserChange(name, "audited@example.com", UserStatus.Active), null, "bench@example.com");
            var a = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            await UpdateWithoutEntryAsync(contexts, plain.Id, name, "plain@example.com");
            var b = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i >= 20)
            {
                withEntry.Add(a);
                without.Add(b);
            }
        }

        var p50With = Percentiles.Of(withEntry, 50);
        var p50Without = Percentiles.Of(without, 50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"User update, p50 of {updates}: with its audit entry {p50With:F2} ms, without {p50Without:F2} ms (p95 {Percentiles.Of(withEntry, 95):F2} / {Percentiles.Of(without, 95):F2} ms)"));
        results.Add("User update with its audit entry vs without: p50", string.Create(CultureInfo.InvariantCulture,
            $"{Results.Ms(p50With)} vs {Results.Ms(p50Without)} (+{p50With - p50Without:F2} ms, ×{p50With / p50Without:F2})"), "info", null);
        return 0;
    }

    // UsersService.UpdateAsync as it was before the audit trail: the same read, the same email
    // check, the same single save with the version check, and nothing else.
    private static async Task UpdateWithoutEntryAsync(IDbContextFactory<AppDbContext> contexts, int id, string name, string email)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var user = await db.Users.FirstAsync(u => u.Id == id);
        if (await db.Users.AnyAsync(u => u.Email == email && u.Id != id))
        {
            throw new InvalidOperationException("The bench's email is taken.");
        }

        user.Name = name;
        user.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync();
    }
}
