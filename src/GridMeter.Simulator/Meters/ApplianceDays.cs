using GridMeter.Simulator.Households;

namespace GridMeter.Simulator.Meters;

/// <summary>Every appliance's own power over one day, as its sub-meter or smart plug sees it.</summary>
internal sealed class ApplianceDays
{
    private readonly int[][] _watts;
    private readonly Split[][] _splits;

    public ApplianceDays(HouseholdDay day, ApplianceSwitches switches, int firstMinute)
    {
        Day = day;
        var count = day.Household.Appliances.Count;
        _watts = new int[count][];
        _splits = new Split[count][];
        for (var i = 0; i < count; i++)
        {
            _watts[i] = new int[day.Minutes];
            List<Split>? splits = null;
            DayRenderer.Render(day, i, switches, _watts[i], ref splits, 1, firstMinute);
            _splits[i] = splits?.ToArray() ?? [];
        }
    }

    public HouseholdDay Day { get; }

    public int Count => _watts.Length;

    public int WattsAt(int appliance, int minute) => _watts[appliance][minute];

    /// <summary>The appliance's joules over a whole minute.</summary>
    public long MinuteJoules(int appliance, int minute) => _splits[appliance].Length == 0
        ? _watts[appliance][minute] * 60L
        : MinuteIntegral.Joules(WattsAt(appliance, minute), SplitsIn(appliance, minute), MinuteIntegral.TicksPerMinute).Import;

    public ReadOnlySpan<Split> SplitsIn(int appliance, int minute)
    {
        var all = _splits[appliance];
        if (all.Length == 0)
        {
            return [];
        }
        var first = Array.FindIndex(all, s => s.Minute == minute);
        return first < 0 ? [] : all.AsSpan(first, Array.FindLastIndex(all, s => s.Minute == minute) - first + 1);
    }

    /// <summary>The appliance's power at <paramref name="ticks"/> into a minute.</summary>
    public int PowerAt(int appliance, int minute, long ticks) =>
        MinuteIntegral.PowerAt(WattsAt(appliance, minute), SplitsIn(appliance, minute), ticks);
}
