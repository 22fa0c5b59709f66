using NodaTime;

namespace GridMeter.Domain.Consumption;

/// <summary>
/// Summarises buckets of a series by walking its quarter-hours once, in order. Quarter-hour
/// boundaries are steps of 900 s on the UTC grid, which is every zone's local grid too (offsets
/// are whole quarter-hours), so no time-zone arithmetic is needed inside a bucket.
/// </summary>
public static class Summaries
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    public static BucketSummary Of(RegisterSeries series, Bucket bucket)
    {
        var whole = series.Consumption(bucket);
        var interval = bucket.Interval;
        int count = 0;
        long min = long.MaxValue, max = long.MinValue;
        var points = series.Points;
        if (points.Length > 1)
        {
            var first = points[0].Timestamp;
            var last = points[^1].Timestamp;
            var t = GridAtOrAfter(interval.Start);
            var firstGrid = GridAtOrAfter(first);
            t = t < firstGrid ? firstGrid : t;
            var cursor = series.IndexAtOrBefore(t);
            var previous = ValueAt(points, ref cursor, t);
            for (; t + Quarter <= interval.End && t + Quarter <= last; t += Quarter)
            {
                var next = ValueAt(points, ref cursor, t + Quarter);
                var wh = next - previous;
                previous = next;
                count++;
                min = Math.Min(min, wh);
                max = Math.Max(max, wh);
            }
        }
        return count == 0
            ? new BucketSummary(bucket, whole.Wh, 0, null, null, whole.Quality)
            : new BucketSummary(bucket, whole.Wh, count, min, max, whole.Quality);
    }

    private static Instant GridAtOrAfter(Instant instant)
    {
        var seconds = instant.ToUnixTimeSeconds();
        var rest = ((seconds % 900) + 900) % 900;
        var floor = Instant.FromUnixTimeSeconds(seconds - rest);
        return floor == instant ? floor : floor + Quarter;
    }

    private static long ValueAt(ReadOnlySpan<RegisterPoint> points, ref int cursor, Instant instant)
    {
        while (cursor + 1 < points.Length && points[cursor + 1].Timestamp <= instant)
        {
            cursor++;
        }
        var before = points[cursor];
        if (before.Timestamp >= instant || cursor == points.Length - 1)
        {
            return before.Wh;
        }
        var after = points[cursor + 1];
        return before.Wh + RegisterSeries.Interpolate(
            after.Wh - before.Wh, (instant - before.Timestamp).BclCompatibleTicks, (after.Timestamp - before.Timestamp).BclCompatibleTicks);
    }
}
