using System.Runtime.InteropServices;

namespace AdminPortal.Bench;

/// <summary>
/// CPU time used by this process so far, to the microsecond (getrusage). On a machine shared with
/// other builds a query's wall time includes the time it waited for a core; its CPU time does not,
/// so it estimates the wall time on an idle machine. (Process.TotalProcessorTime counts in 10 ms ticks.)
/// </summary>
internal static partial class ProcessCpu
{
    private const int RusageSelf = 0;

    public static double Milliseconds()
    {
        if (GetRusage(RusageSelf, out var usage) != 0)
        {
            return double.NaN;
        }

        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVcsw;
        public long NIvcsw;
    }
}
