using System.Globalization;
using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Domain.Vee;

/// <summary>The validation rules, each over the steps between consecutive readings.</summary>
public static class Validation
{
    // The MAD of a normal distribution times this is its standard deviation.
    internal const double MadScale = 1.4826;

    /// <param name="points">The register made continuous across its events.</param>
    public static List<VeeFlag> Check(IReadOnlyList<RegisterPoint> points, VeeInput input)
    {
        var flags = new List<VeeFlag>();
        var settings = input.Settings;
        Instant? flatSince = null;
        for (var i = 1; i < points.Count; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            var span = b.Timestamp - a.Timestamp;
            var wh = b.Wh - a.Wh;
            if (wh < 0)
            {
                flags.Add(new VeeFlag(a.Timestamp, b.Timestamp, VeeRule.RegisterDecreased,
                    Text($"the register fell by {-wh} Wh and it is no rollover; record a meter exchange or reset")));
            }
            else if (wh > input.Limit.MaxWh(span))
            {
                flags.Add(new VeeFlag(a.Timestamp, b.Timestamp, VeeRule.AbovePhysicalLimit,
                    Text($"{wh} Wh in {span.TotalMinutes:0.#} min exceeds the connection's {input.Limit.MaxWatts} W")));
            }
            else if (OutsideProfile(a, b, input) is { } detail)
            {
                flags.Add(new VeeFlag(a.Timestamp, b.Timestamp, VeeRule.OutsideProfile, detail));
            }

            flatSince = wh == 0 ? flatSince ?? a.Timestamp : null;
            var flatEnds = flatSince is not null && (i == points.Count - 1 || points[i + 1].Wh != b.Wh);
            if (flatEnds && settings.FlatLineHours > 0 && b.Timestamp - flatSince!.Value >= settings.FlatLine)
            {
                flags.Add(new VeeFlag(flatSince.Value, b.Timestamp, VeeRule.FlatLine,
                    Text($"the register stayed at {b.Wh} Wh for {(b.Timestamp - flatSince.Value).TotalHours:0.#} h")));
            }
        }
        CheckTimestamps(input, flags);
        return flags;
    }

    private static string? OutsideProfile(RegisterPoint a, RegisterPoint b, VeeInput input)
    {
        var settings = input.Settings;
        var span = b.Timestamp - a.Timestamp;
        if (settings.SpikeMadFactor <= 0 || RegisterSeries.IsGap(span, input.ReadingPeriod) || span <= Duration.Zero)
        {
            return null;
        }
        var slot = Profile.SlotOf(a.Timestamp, input.Zone);
        if (input.Profile.Samples(slot) < settings.ProfileMinSamples)
        {
            return null;
        }
        // A threshold, not an amount billed: floating point is fine here and keeps validation cheap.
        var perQuarter = (b.Wh - a.Wh) * 900.0 / span.TotalSeconds;
        var median = input.Profile.Median(slot);
        var allowance = Math.Max((double)settings.SpikeMadFactor * MadScale * input.Profile.Mad(slot), settings.SpikeFloorWh);
        return perQuarter > median + allowance
            ? Text($"{perQuarter:0} Wh per quarter-hour against a usual {median} Wh at this weekday and time")
            : null;
    }

    private static void CheckTimestamps(VeeInput input, List<VeeFlag> flags)
    {
        var readings = input.Readings;
        var period = (long)input.ReadingPeriod.TotalSeconds;
        for (var i = 0; i < readings.Count; i++)
        {
            var ts = readings[i].Timestamp;
            var previous = i > 0 ? readings[i - 1].Timestamp : ts;
            var next = i < readings.Count - 1 ? readings[i + 1].Timestamp : ts;
            if (ts > input.Now + Duration.FromSeconds(input.Settings.MaxAheadSeconds))
            {
                flags.Add(new VeeFlag(previous, ts, VeeRule.FutureTimestamp, Text($"stamped {ts}, after the server's {input.Now}")));
            }
            var off = ((ts.ToUnixTimeSeconds() % period) + period) % period;
            var drift = Math.Min(off, period - off);
            if (input.Settings.ClockDriftSeconds > 0 && drift > input.Settings.ClockDriftSeconds)
            {
                flags.Add(new VeeFlag(previous, ts, VeeRule.ClockDrift, Text($"{drift} s off the {period / 60}-minute reading grid")));
            }
            if (input.ConflictTimestamps.Count > 0 && input.ConflictTimestamps.Contains(ts))
            {
                flags.Add(new VeeFlag(previous, next, VeeRule.ConflictingDuplicate, Text($"{ts} was sent again with another value; the first is kept")));
            }
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
