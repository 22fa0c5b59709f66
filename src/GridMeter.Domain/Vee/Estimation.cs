using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Domain.Vee;

/// <summary>
/// Fills each gap between two readings: the register difference across it is known exactly, and is
/// shared among its quarter-hours in proportion to the meter's profile for their weekday and time
/// (in proportion to their length when there is no profile). Points are cumulative and rounded
/// from the exact fraction, so they rise with the register and end exactly at the next reading.
/// </summary>
public static class Estimation
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    public static List<CurvePatch> FillGaps(IReadOnlyList<RegisterPoint> points, Profile profile, DateTimeZone zone, Duration readingPeriod)
    {
        var patches = new List<CurvePatch>();
        for (var i = 1; i < points.Count; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            if (RegisterSeries.IsGap(b.Timestamp - a.Timestamp, readingPeriod) && b.Wh >= a.Wh)
            {
                patches.Add(Fill(a, b, profile, zone));
            }
        }
        return patches;
    }

    public static CurvePatch Fill(RegisterPoint a, RegisterPoint b, Profile profile, DateTimeZone zone)
    {
        // Quarter-hour boundaries strictly inside the gap; every time zone's offset is a whole number
        // of quarter-hours, so the UTC grid is the local one.
        var bounds = new List<Instant>();
        var firstSecond = a.Timestamp.ToUnixTimeSeconds();
        var t = Instant.FromUnixTimeSeconds(firstSecond - (((firstSecond % 900) + 900) % 900)) + Quarter;
        for (; t < b.Timestamp; t += Quarter)
        {
            bounds.Add(t);
        }
        bounds.Add(b.Timestamp);

        var weights = new decimal[bounds.Count];
        var useProfile = !profile.IsEmpty;
        decimal total = 0;
        var start = a.Timestamp;
        for (var k = 0; k < bounds.Count; k++)
        {
            var length = (decimal)(bounds[k] - start).TotalSeconds;
            var slot = Profile.SlotOf(start, zone);
            weights[k] = useProfile ? (profile.Median(slot) + 1m) * length / 900m : length;
            total += weights[k];
            start = bounds[k];
        }

        var delta = b.Wh - a.Wh;
        var result = new RegisterPoint[bounds.Count];
        decimal cumulative = 0;
        for (var k = 0; k < bounds.Count; k++)
        {
            cumulative += weights[k];
            var share = k == bounds.Count - 1 ? delta : (long)decimal.Round(delta * cumulative / total, MidpointRounding.AwayFromZero);
            result[k] = new RegisterPoint(bounds[k], share);
        }
        return new CurvePatch(a.Timestamp, b.Timestamp, result);
    }
}
