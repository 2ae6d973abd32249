using System.Diagnostics;

namespace Olap.Benchmarks.Ssb;

/// <summary>The process's peak working set (Linux VmHWM), which Linux lets a process reset to measure one phase alone.</summary>
internal static class PeakMemory
{
    /// <summary>Resets the peak to the current working set; false where the OS does not allow it.</summary>
    public static bool TryReset()
    {
        try
        {
            // "5" resets the peak resident set size (proc(5), clear_refs, Linux 4.0+).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    public static long Read()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
