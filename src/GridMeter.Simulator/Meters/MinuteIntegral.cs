namespace GridMeter.Simulator.Meters;

/// <summary>
/// Energy of one minute of piecewise-constant power, in whole joules. Power changes only at whole
/// seconds, so whole segments are exact; only the part of a segment up to an instant inside it is
/// rounded down. Registers count whole Wh of these joules, which keeps them exact to the Wh.
/// </summary>
internal static class MinuteIntegral
{
    public const long TicksPerSecond = 10_000_000;
    public const long TicksPerMinute = 60 * TicksPerSecond;

    /// <summary>Import and export joules from the start of the minute to <paramref name="untilTicks"/>.</summary>
    public static (long Import, long Export) Joules(int watts, ReadOnlySpan<Split> splits, long untilTicks)
    {
        if (splits.IsEmpty && untilTicks == TicksPerMinute)
        {
            return watts >= 0 ? (watts * 60L, 0) : (0, -watts * 60L);
        }
        var (import, export) = WattTicks(watts, splits, untilTicks);
        return (import / TicksPerSecond, export / TicksPerSecond);
    }

    /// <summary>Import and export energy in watt-ticks (100 ns), before any rounding.</summary>
    public static (long Import, long Export) WattTicks(int watts, ReadOnlySpan<Split> splits, long untilTicks)
    {
        long import = 0, export = 0, from = 0;
        var power = watts;
        foreach (var split in splits)
        {
            var at = split.Second * TicksPerSecond;
            if (at >= untilTicks)
            {
                break;
            }
            Accumulate(power, at - from, ref import, ref export);
            from = at;
            power += split.DeltaWatts;
        }
        Accumulate(power, untilTicks - from, ref import, ref export);
        return (import, export);
    }

    /// <summary>Power at <paramref name="atTicks"/> after the start of the minute.</summary>
    public static int PowerAt(int watts, ReadOnlySpan<Split> splits, long atTicks)
    {
        foreach (var split in splits)
        {
            if (split.Second * TicksPerSecond > atTicks)
            {
                break;
            }
            watts += split.DeltaWatts;
        }
        return watts;
    }

    private static void Accumulate(int power, long ticks, ref long import, ref long export)
    {
        if (power >= 0)
        {
            import += power * ticks;
        }
        else
        {
            export -= power * ticks;
        }
    }
}
