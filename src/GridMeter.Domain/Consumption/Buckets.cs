using NodaTime;

namespace GridMeter.Domain.Consumption;

/// <summary>
/// Cuts [from, to) into local calendar buckets. Days, weeks (from Monday) and months start at local
/// midnight, so a DST day has 23 or 25 hours and 92 or 100 quarter-hours; quarter-hours and hours
/// are steps of elapsed time, so the repeated hour of an autumn night appears twice.
/// The first and last bucket are clipped to [from, to).
/// </summary>
public static class Buckets
{
    public static IEnumerable<Bucket> Between(Instant from, Instant to, DateTimeZone zone, BucketSize size)
    {
        var start = from;
        while (start < to)
        {
            var next = NextBoundary(start, zone, size);
            var end = next < to ? next : to;
            yield return new Bucket(start.InZone(zone), end.InZone(zone));
            start = end;
        }
    }

    /// <summary>How many buckets <see cref="Between"/> yields, computed without listing them.</summary>
    public static long CountUpperBound(Instant from, Instant to, BucketSize size)
    {
        var span = to - from;
        var step = size switch
        {
            BucketSize.QuarterHour => Duration.FromMinutes(15),
            BucketSize.Hour => Duration.FromHours(1),
            BucketSize.Day => Duration.FromHours(23),
            BucketSize.Week => Duration.FromHours((7 * 24) - 1),
            _ => Duration.FromDays(28),
        };
        return (long)Math.Ceiling(span / step) + 2;
    }

    /// <summary>The first bucket boundary strictly after <paramref name="instant"/>.</summary>
    public static Instant NextBoundary(Instant instant, DateTimeZone zone, BucketSize size)
    {
        var local = instant.InZone(zone);
        switch (size)
        {
            case BucketSize.QuarterHour:
            case BucketSize.Hour:
                // Offsets move in whole quarter-hours, so stepping in elapsed time from the local
                // boundary keeps buckets aligned on both sides of a transition.
                var minutes = size == BucketSize.Hour ? 60 : 15;
                var intoBucket = ((local.Minute % minutes) * 60L) + local.Second;
                var sinceBoundary = Duration.FromSeconds(intoBucket) + Duration.FromNanoseconds(local.NanosecondOfSecond);
                return instant - sinceBoundary + Duration.FromMinutes(minutes);
            case BucketSize.Day:
                return zone.AtStartOfDay(local.Date.PlusDays(1)).ToInstant();
            case BucketSize.Week:
                var monday = local.Date.With(DateAdjusters.Next(IsoDayOfWeek.Monday));
                return zone.AtStartOfDay(monday).ToInstant();
            case BucketSize.Month:
                var firstOfNext = local.Date.With(DateAdjusters.StartOfMonth).PlusMonths(1);
                return zone.AtStartOfDay(firstOfNext).ToInstant();
            default:
                throw new ArgumentOutOfRangeException(nameof(size), size, "unknown bucket size");
        }
    }
}
