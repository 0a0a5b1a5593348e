using System.Globalization;

namespace AdminPortal.Bench;

/// <summary>
/// One line per figure, tab-separated (figure, value, target, verdict), appended to the file the
/// script prints as the final table; a verdict of "info" is a figure without a target.
/// </summary>
public sealed class Results(string path)
{
    public void Add(string figure, string value, string target, bool? pass)
    {
        var verdict = pass switch { true => "pass", false => "MISS", null => "info" };
        File.AppendAllText(path, $"{figure}\t{value}\t{target}\t{verdict}\n");
        Console.WriteLine($"  {figure}: {value} (target {target}) {verdict}");
    }

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";

    public static string Kb(double bytes) => (bytes / 1024).ToString("N0", CultureInfo.InvariantCulture) + " KB";

    public static string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("N1", CultureInfo.InvariantCulture) + " MB";
}

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of the samples.</summary>
    public static double Of(IReadOnlyList<double> samples, double percentile)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
