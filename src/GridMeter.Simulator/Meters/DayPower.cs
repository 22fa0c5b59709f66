using System.Buffers;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Households.Appliances;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// A household's net power (consumption minus generation) over one local day, per minute, plus the
/// few in-minute changes relay commands make. Both registers and live values derive from it.
/// Buffers are pooled: dispose it when done.
/// </summary>
internal sealed class DayPower : IDisposable
{
    private static readonly Split[] NoSplits = [];

    private readonly int[] _net;
    private readonly Split[] _splits;

    private DayPower(HouseholdDay day, int[] net, Split[] splits)
    {
        Day = day;
        _net = net;
        _splits = splits;
    }

    public HouseholdDay Day { get; }

    public int Minutes => Day.Minutes;

    public static DayPower Render(HouseholdDay day, ApplianceSwitches switches, int firstMinute)
    {
        var household = day.Household;
        var minutes = day.Minutes;
        var net = ArrayPool<int>.Shared.Rent(minutes);
        var scratch = ArrayPool<int>.Shared.Rent(minutes);
        var total = net.AsSpan(0, minutes);
        total.Clear();
        List<Split>? splits = null;
        for (var i = 0; i < household.Appliances.Count; i++)
        {
            var generation = household.Appliances[i].IsGeneration;
            if (!generation && DayRenderer.IsPlain(household, i, switches))
            {
                household.Model(i).Render(day, new MinuteCanvas(total));
                continue;
            }
            var watts = scratch.AsSpan(0, minutes);
            watts.Clear();
            DayRenderer.Render(day, i, switches, watts, ref splits, generation ? -1 : 1, firstMinute);
            for (var m = 0; m < minutes; m++)
            {
                total[m] += generation ? -watts[m] : watts[m];
            }
        }
        total[..Math.Min(firstMinute, minutes)].Clear();
        ArrayPool<int>.Shared.Return(scratch);
        splits?.Sort((a, b) => a.Minute != b.Minute ? a.Minute.CompareTo(b.Minute) : a.Second.CompareTo(b.Second));
        return new DayPower(day, net, splits?.ToArray() ?? NoSplits);
    }

    /// <summary>The minutes with a relay switch inside them, in order.</summary>
    public IEnumerable<int> SplitMinutes => _splits.Select(s => s.Minute).Distinct();

    public bool HasSplitsIn(int minute) => _splits.Length != 0 && Array.Exists(_splits, s => s.Minute == minute);

    /// <summary>Import and export in watt-minutes over [from, to), minutes without in-minute switches.</summary>
    public (long Import, long Export) WattMinutes(int from, int to)
    {
        long import = 0, export = 0;
        foreach (var watts in _net.AsSpan(from, to - from))
        {
            if (watts >= 0)
            {
                import += watts;
            }
            else
            {
                export -= watts;
            }
        }
        return (import, export);
    }

    /// <summary>Net watts at the start of a minute.</summary>
    public int WattsAt(int minute) => _net[minute];

    /// <summary>The in-minute changes of one minute, in order.</summary>
    public ReadOnlySpan<Split> SplitsIn(int minute)
    {
        if (_splits.Length == 0)
        {
            return [];
        }
        var first = Array.FindIndex(_splits, s => s.Minute == minute);
        if (first < 0)
        {
            return [];
        }
        var end = first;
        while (end < _splits.Length && _splits[end].Minute == minute)
        {
            end++;
        }
        return _splits.AsSpan(first, end - first);
    }

    public void Dispose() => ArrayPool<int>.Shared.Return(_net);
}
