using GridMeter.Domain.Vee;
using NodaTime;

namespace GridMeter.Domain.Analytics;

/// <summary>
/// What a meter or appliance usually uses in each hour of the local week (168 slots): the median
/// and median absolute deviation of its hourly Wh over the weeks learned from, as the meter-data
/// validation does per quarter-hour — robust to the very faults it is used to find.
/// </summary>
public sealed class HourOfWeekBaseline
{
    public const int Slots = 168;

    private readonly long[] _median;
    private readonly long[] _mad;
    private readonly int[] _samples;

    private HourOfWeekBaseline(long[] median, long[] mad, int[] samples, long peakWh) => (_median, _mad, _samples, PeakWh) = (median, mad, samples, peakWh);

    /// <summary>The most energy any one hour of the history used: what the appliance draws flat out.</summary>
    public long PeakWh { get; }

    public static int SlotOf(Instant hourStart, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = hourStart.InZone(zone);
        return (((int)local.DayOfWeek - 1) * 24) + local.Hour;
    }

    public long Median(int slot) => _median[slot];

    public long Mad(int slot) => _mad[slot];

    public int Samples(int slot) => _samples[slot];

    /// <summary>Learns from hourly values; a missing hour (null) is left out rather than counted as nothing used.</summary>
    public static HourOfWeekBaseline Learn(IEnumerable<HourValue> hours, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var values = new List<long>[Slots];
        var peak = 0L;
        foreach (var hour in hours)
        {
            if (hour.Wh is { } wh)
            {
                peak = Math.Max(peak, wh);
                (values[SlotOf(hour.Start, zone)] ??= []).Add(wh);
            }
        }
        var (median, mad, samples) = (new long[Slots], new long[Slots], new int[Slots]);
        for (var slot = 0; slot < Slots; slot++)
        {
            if (values[slot] is not { Count: > 0 } list)
            {
                continue;
            }
            median[slot] = Profile.MedianOf(list);
            mad[slot] = Profile.MedianOf([.. list.Select(v => Math.Abs(v - median[slot]))]);
            samples[slot] = list.Count;
        }
        return new HourOfWeekBaseline(median, mad, samples, peak);
    }
}
