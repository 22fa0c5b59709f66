using System.Globalization;
using GridMeter.Domain.Vee;
using NodaTime;

namespace GridMeter.Domain.Analytics;

/// <summary>
/// Finds faults in a meter's or appliance's recent hours by comparing each with the same hour of the
/// week in its own history: robust outliers above it, readings stuck at one value, and a stop.
/// </summary>
public static class FaultDetection
{
    public static List<Fault> Check(HourOfWeekBaseline baseline, IReadOnlyList<HourValue> hours, DateTimeZone zone, FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(settings);
        var faults = new List<Fault>();
        if (hours.Count == 0)
        {
            return faults;
        }
        var slots = hours.Select(h => HourOfWeekBaseline.SlotOf(h.Start, zone)).ToArray();
        var judged = Enumerable.Range(0, hours.Count).Where(i => hours[i].Wh is not null && baseline.Samples(slots[i]) >= settings.MinSamples).ToList();
        if (judged.Count == 0)
        {
            return faults;
        }
        var observed = judged.Sum(i => hours[i].Wh!.Value);
        var expected = judged.Sum(i => baseline.Median(slots[i]));
        var (from, to) = (hours[judged[0]].Start, hours[judged[^1]].Start + Duration.FromHours(1));

        if (Stuck(baseline, hours, slots, settings) is { } stuck)
        {
            faults.Add(stuck);
        }
        var above = judged.Where(i => hours[i].Wh!.Value > baseline.Median(slots[i]) + Allowance(baseline, slots[i], settings)).ToList();
        var peak = judged.MaxBy(i => hours[i].Wh!.Value);
        var peakWh = hours[peak].Wh!.Value;
        if (above.Count < settings.AboveHours && baseline.PeakWh > 0 && peakWh > settings.PeakFactor * baseline.PeakWh && peakWh - baseline.PeakWh > settings.FloorWh)
        {
            // An appliance used at odd hours has no usual hour to compare with, but it never drew this much.
            faults.Add(new Fault(FaultRule.AbovePattern, hours[peak].Start, hours[peak].Start + Duration.FromHours(1), peakWh, baseline.PeakWh,
                Text($"{peakWh} Wh in one hour, above the most of any hour before ({baseline.PeakWh} Wh)")));
        }
        if (above.Count >= settings.AboveHours)
        {
            var (aboveWh, usualWh) = (above.Sum(i => hours[i].Wh!.Value), above.Sum(i => baseline.Median(slots[i])));
            faults.Add(new Fault(FaultRule.AbovePattern, hours[above[0]].Start, hours[above[^1]].Start + Duration.FromHours(1), aboveWh, usualWh,
                Text($"{above.Count} hours far above the usual for their hour of the week: {aboveWh} Wh against a usual {usualWh} Wh")));
        }
        var usualHours = judged.Count(i => baseline.Median(slots[i]) > 0);
        if (expected >= settings.StoppedMinExpectedWh && usualHours >= settings.StoppedMinHours && observed <= settings.StoppedShare * expected)
        {
            faults.Add(new Fault(FaultRule.Stopped, from, to, observed, expected,
                Text($"{observed} Wh over {judged.Count} hours that usually use {expected} Wh")));
        }
        return faults;
    }

    private static double Allowance(HourOfWeekBaseline baseline, int slot, FaultSettings settings) =>
        Math.Max(settings.MadFactor * Validation.MadScale * baseline.Mad(slot), settings.FloorWh);

    /// <summary>The longest run of equal non-zero hours, when long enough and unlike those hours' usual spread.</summary>
    private static Fault? Stuck(HourOfWeekBaseline baseline, IReadOnlyList<HourValue> hours, int[] slots, FaultSettings settings)
    {
        var (bestStart, bestLength) = (0, 0);
        var start = 0;
        for (var i = 1; i <= hours.Count; i++)
        {
            var continues = i < hours.Count && hours[i].Wh is { } wh && hours[start].Wh is { } first && first > 0 && Math.Abs(wh - first) <= Math.Max(1, first / 100);
            if (continues)
            {
                continue;
            }
            var length = hours[start].Wh is > 0 ? i - start : 0;
            if (length > bestLength)
            {
                (bestStart, bestLength) = (start, length);
            }
            start = i;
        }
        if (bestLength < settings.StuckHours)
        {
            return null;
        }
        var run = Enumerable.Range(bestStart, bestLength).ToList();
        var value = hours[bestStart].Wh!.Value;
        // A load steady by nature (a base load, a fridge cycling evenly) sits at its usual level: not stuck.
        var unusual = run.Count(i => baseline.Samples(slots[i]) >= settings.MinSamples
            && Math.Abs(baseline.Median(slots[i]) - value) > Math.Max(settings.FloorWh, value / 10));
        if (unusual * 2 < bestLength)
        {
            return null;
        }
        var expected = run.Sum(i => baseline.Median(slots[i]));
        return new Fault(FaultRule.Stuck, hours[bestStart].Start, hours[bestStart + bestLength - 1].Start + Duration.FromHours(1), value * bestLength, expected,
            Text($"{value} Wh every hour for {bestLength} hours, where those hours usually vary"));
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
