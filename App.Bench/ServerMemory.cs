using System.Diagnostics;
using System.Globalization;

namespace AdminPortal.Bench;

/// <summary>A snapshot of the app process's memory: live managed heap and private bytes.</summary>
public sealed record MemorySnapshot(long LiveHeapBytes, long PrivateBytes, long WorkingSetBytes);

/// <summary>
/// Reads the server's memory from outside. The managed figure comes from dotnet-gcdump, which makes
/// the runtime do a full blocking collection and then walks the heap: what it reports is what is
/// still reachable (no garbage, no free space the GC keeps), the fairest "bytes held". Private bytes
/// and working set come from /proc and include the GC's retained free space, so they are noisier.
/// </summary>
public static class ServerMemory
{
    /// <param name="reportName">When given, the heap report (bytes per type) is kept under this name in the work directory.</param>
    public static async Task<MemorySnapshot> ReadAsync(int pid, string workDirectory, string? reportName = null)
    {
        var live = await LiveHeapAsync(pid, workDirectory, reportName);
        var (privateBytes, workingSet) = ProcessBytes(pid);
        return new MemorySnapshot(live, privateBytes, workingSet);
    }

    public static (long Private, long WorkingSet) ProcessBytes(int pid)
    {
        long privateKb = 0;
        long rssKb = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
        {
            if (line.StartsWith("Private_Clean:", StringComparison.Ordinal) || line.StartsWith("Private_Dirty:", StringComparison.Ordinal))
            {
                privateKb += Kilobytes(line);
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                rssKb = Kilobytes(line);
            }
        }

        return (privateKb * 1024, rssKb * 1024);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static async Task<long> LiveHeapAsync(int pid, string workDirectory, string? reportName)
    {
        var file = Path.Combine(workDirectory, $"heap-{pid}-{DateTime.UtcNow:HHmmssfff}.gcdump");
        await RunAsync("dotnet", ["dotnet-gcdump", "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file]);
        var report = await RunAsync("dotnet", ["dotnet-gcdump", "report", file]);
        File.Delete(file);
        if (reportName is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(workDirectory, reportName), report);
        }

        // The report opens with "   6,695,326  GC Heap bytes".
        var line = report.Split('\n').FirstOrDefault(l => l.Contains("GC Heap bytes", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException("dotnet-gcdump report printed no heap size:\n" + report);
        return long.Parse(line.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    private static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', start.ArgumentList)} failed: {await errors}");
        }

        return await output;
    }
}
