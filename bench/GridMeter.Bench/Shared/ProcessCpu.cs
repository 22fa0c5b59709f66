using System.Globalization;

namespace GridMeter.Bench.Shared;

/// <summary>CPU seconds a process has used (user + system), from /proc/PID/stat.</summary>
internal static class ProcessCpu
{
    public static double Seconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name (which may hold spaces) start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }
}
