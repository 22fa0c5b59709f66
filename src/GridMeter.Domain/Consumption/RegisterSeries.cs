using NodaTime;

namespace GridMeter.Domain.Consumption;

/// <summary>
/// The readings of one register in time order, and the consumption they imply over any span.
/// Consumption over [a, b) is the register at b minus the register at a, where a value between two
/// readings is interpolated linearly and rounded to the Wh: the sum over adjacent spans therefore
/// telescopes to exactly the register difference, whatever the bucket size. Spans crossing a gap
/// longer than the reading period are estimated; spans outside the readings are missing.
/// </summary>
public sealed class RegisterSeries
{
    private readonly RegisterPoint[] _points;
    private readonly int[] _gapsBefore;

    /// <param name="points">Readings in ascending time order, at most one per instant.</param>
    /// <param name="readingPeriod">How often the meter reports; longer silences are gaps.</param>
    public RegisterSeries(IReadOnlyList<RegisterPoint> points, Duration readingPeriod)
    {
        _points = [.. points];
        for (var i = 1; i < _points.Length; i++)
        {
            if (_points[i].Timestamp <= _points[i - 1].Timestamp)
            {
                throw new ArgumentException("readings must be in strictly ascending time order", nameof(points));
            }
        }

        // Half a period of tolerance absorbs the jitter of meters that report a few seconds late.
        var longestNormalStep = readingPeriod + (readingPeriod / 2);
        _gapsBefore = new int[Math.Max(_points.Length, 1)];
        for (var i = 1; i < _points.Length; i++)
        {
            var isGap = _points[i].Timestamp - _points[i - 1].Timestamp > longestNormalStep;
            _gapsBefore[i] = _gapsBefore[i - 1] + (isGap ? 1 : 0);
        }
    }

    public int Count => _points.Length;

    public IntervalValue Consumption(Bucket bucket)
    {
        var interval = bucket.Interval;
        if (_points.Length == 0 || interval.End <= _points[0].Timestamp || interval.Start >= _points[^1].Timestamp)
        {
            return new IntervalValue(bucket, null, Quality.Missing);
        }

        var first = _points[0].Timestamp;
        var last = _points[^1].Timestamp;
        var start = interval.Start < first ? first : interval.Start;
        var end = interval.End > last ? last : interval.End;
        var wh = ValueAt(end) - ValueAt(start);

        Quality quality;
        if (start != interval.Start || end != interval.End)
        {
            quality = Quality.Missing;
        }
        else if (CrossesGap(start, end))
        {
            quality = Quality.Estimated;
        }
        else
        {
            quality = wh < 0 ? Quality.Suspect : Quality.Actual;
        }
        return new IntervalValue(bucket, wh, quality);
    }

    /// <summary>The register at <paramref name="instant"/>, which must lie within the readings.</summary>
    public long ValueAt(Instant instant)
    {
        var i = IndexAtOrBefore(instant);
        var before = _points[i];
        if (before.Timestamp == instant || i == _points.Length - 1)
        {
            return before.Wh;
        }
        var after = _points[i + 1];
        return before.Wh + Interpolate(after.Wh - before.Wh, (instant - before.Timestamp).BclCompatibleTicks, (after.Timestamp - before.Timestamp).BclCompatibleTicks);
    }

    /// <summary>difference × elapsed / span, rounded half away from zero, in exact integer arithmetic.</summary>
    private static long Interpolate(long difference, long elapsedTicks, long spanTicks)
    {
        Int128 numerator = (Int128)difference * elapsedTicks;
        Int128 denominator = spanTicks;
        var quotient = Int128.DivRem(numerator, denominator);
        if (Int128.Abs(quotient.Remainder) * 2 >= denominator)
        {
            quotient.Quotient += Int128.Sign(numerator);
        }
        return (long)quotient.Quotient;
    }

    private bool CrossesGap(Instant start, Instant end)
    {
        // Steps i (from point i-1 to i) that overlap (start, end): from the step containing start
        // to the step containing end.
        var firstStep = IndexAtOrBefore(start) + 1;
        var endIndex = IndexAtOrBefore(end);
        var lastStep = _points[endIndex].Timestamp == end ? endIndex : endIndex + 1;
        lastStep = Math.Min(lastStep, _points.Length - 1);
        return lastStep >= firstStep && _gapsBefore[lastStep] - _gapsBefore[firstStep - 1] > 0;
    }

    private int IndexAtOrBefore(Instant instant)
    {
        int lo = 0, hi = _points.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_points[mid].Timestamp <= instant)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
