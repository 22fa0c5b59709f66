using System.Runtime.InteropServices;

namespace GridMeter.Bench.Shared;

/// <summary>Raises this process's open-file limit to its hard limit; child processes inherit it.</summary>
internal static partial class FileLimit
{
    private const int RlimitNofile = 7;

    public static ulong Raise()
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNofile, out var limit) != 0)
        {
            return 0;
        }
        limit.Current = limit.Maximum;
        _ = SetRLimit(RlimitNofile, in limit);
        return limit.Current;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit")]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit")]
    private static partial int SetRLimit(int resource, in RLimit limit);
}
