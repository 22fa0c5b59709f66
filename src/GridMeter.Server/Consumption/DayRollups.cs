using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Server.Consumption;

/// <summary>Local days as rollup keys, and weeks and months summed from their days.</summary>
public static class DayRollups
{
    public static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    public static LocalDate DateOf(int dayNumber) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(dayNumber));

    /// <summary>True when the bucket is its whole local day, from midnight to midnight.</summary>
    public static bool IsWholeDay(Bucket bucket)
    {
        var zone = bucket.Start.Zone;
        var date = bucket.Start.Date;
        return bucket.Interval.Start == zone.AtStartOfDay(date).ToInstant() && bucket.Interval.End == zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
    }

    /// <summary>Sums day summaries (in order) into the buckets that hold them: a week or month is the sum of its days.</summary>
    public static List<BucketSummary> Combine(IReadOnlyList<Bucket> buckets, IReadOnlyList<BucketSummary> days)
    {
        var result = new List<BucketSummary>(buckets.Count);
        var d = 0;
        foreach (var bucket in buckets)
        {
            long? wh = null, min = null, max = null;
            var count = 0;
            var quality = Quality.Actual;
            var any = false;
            for (; d < days.Count && days[d].Bucket.Interval.Start < bucket.Interval.End; d++)
            {
                var day = days[d];
                any = true;
                wh = day.Wh is { } v ? (wh ?? 0) + v : wh;
                count += day.Count;
                min = day.MinWh is { } lo && (min is null || lo < min) ? lo : min;
                max = day.MaxWh is { } hi && (max is null || hi > max) ? hi : max;
                quality = day.Quality > quality ? day.Quality : quality;
            }
            result.Add(new BucketSummary(bucket, wh, count, min, max, any ? quality : Quality.Missing));
        }
        return result;
    }
}
