using NodaTime;

namespace GridMeter.Domain.Consumption;

/// <summary>
/// The readings of one register in time order, and the consumption they imply over any span.
/// Consumption over [a, b) is the register at b minus the register at a, where a value between two
/// readings is interpolated linearly and rounded to the Wh: the sum over adjacent spans therefore
/// telescopes to exactly the register difference, whatever the bucket size. Each step between two
/// points carries a quality; a span has the worst quality of the steps it overlaps, and spans
/// outside the points are missing.
/// </summary>
public sealed class RegisterSeries
{
    private readonly RegisterPoint[] _points;

    // Each point's time in Unix ticks: searches compare these instead of instants.
    private readonly long[] _ticks;
    private readonly Quality[] _stepQualities;

    // _atLeast[q][i]: how many of steps 1..i have quality q + 1 or worse (Edited, Estimated, Suspect).
    private readonly int[][] _atLeast;

    /// <param name="points">Readings in ascending time order, at most one per instant.</param>
    /// <param name="readingPeriod">How often the meter reports; longer silences are gaps, estimated.</param>
    public RegisterSeries(IReadOnlyList<RegisterPoint> points, Duration readingPeriod)
        : this(points, GapQualities(points, readingPeriod))
    {
    }

    /// <param name="points">Points in strictly ascending time order.</param>
    /// <param name="stepQualities">For each i ≥ 1 the quality of the step from point i − 1 to point i; entry 0 is ignored.</param>
    public RegisterSeries(IReadOnlyList<RegisterPoint> points, IReadOnlyList<Quality> stepQualities)
    {
        _points = [.. points];
        if (stepQualities.Count != _points.Length)
        {
            throw new ArgumentException("one quality per point is needed", nameof(stepQualities));
        }
        _stepQualities = [.. stepQualities];
        _ticks = new long[_points.Length];
        for (var i = 0; i < _points.Length; i++)
        {
            _ticks[i] = _points[i].Timestamp.ToUnixTimeTicks();
            if (i > 0 && _points[i].Timestamp <= _points[i - 1].Timestamp)
            {
                throw new ArgumentException("readings must be in strictly ascending time order", nameof(points));
            }
        }
        _atLeast = new int[3][];
        for (var q = 0; q < 3; q++)
        {
            var counts = _atLeast[q] = new int[Math.Max(_points.Length, 1)];
            for (var i = 1; i < _points.Length; i++)
            {
                counts[i] = counts[i - 1] + ((int)_stepQualities[i] >= q + 1 ? 1 : 0);
            }
        }
    }

    public int Count => _points.Length;

    public ReadOnlySpan<RegisterPoint> Points => _points;

    /// <summary>The quality of the step from point <paramref name="index"/> − 1 to point <paramref name="index"/>.</summary>
    public Quality StepQuality(int index) => _stepQualities[index];

    /// <summary>True when <paramref name="instant"/> lies within the first and last point.</summary>
    public bool Covers(Instant instant) => _points.Length > 0 && instant >= _points[0].Timestamp && instant <= _points[^1].Timestamp;

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
        else
        {
            quality = WorstBetween(start, end);
            if (wh < 0 && quality < Quality.Suspect)
            {
                quality = Quality.Suspect;
            }
        }
        return new IntervalValue(bucket, wh, quality);
    }

    /// <summary>
    /// The Wh of each span, as <see cref="Consumption"/> gives it for a bucket (null outside the
    /// points), for spans in ascending time order that do not overlap: one sweep instead of a
    /// search per bucket.
    /// </summary>
    public long?[] ConsumptionWh(IReadOnlyList<Interval> spans)
    {
        var wh = new long?[spans.Count];
        if (_points.Length == 0)
        {
            return wh;
        }
        var (first, last) = (_ticks[0], _ticks[^1]);
        var cursor = 0;
        var (atTicks, atValue) = (long.MinValue, 0L);
        for (var b = 0; b < spans.Count; b++)
        {
            var interval = spans[b];
            var (start, end) = (interval.Start.ToUnixTimeTicks(), interval.End.ToUnixTimeTicks());
            if (end <= first || start >= last)
            {
                continue;
            }
            (start, end) = (Math.Max(start, first), Math.Min(end, last));
            // The previous span's end is usually this one's start.
            var from = start == atTicks ? atValue : ValueAt(start, ref cursor);
            (atTicks, atValue) = (end, ValueAt(end, ref cursor));
            wh[b] = atValue - from;
        }
        return wh;
    }

    /// <summary>The register at <paramref name="instant"/>, which must lie within the readings.</summary>
    public long ValueAt(Instant instant)
    {
        var i = IndexAtOrBefore(instant);
        return ValueAt(instant.ToUnixTimeTicks(), i);
    }

    /// <summary>The register at <paramref name="ticks"/> (within the readings, at or after point <paramref name="cursor"/>), moving the cursor forward to it.</summary>
    private long ValueAt(long ticks, ref int cursor)
    {
        while (cursor + 1 < _ticks.Length && _ticks[cursor + 1] <= ticks)
        {
            cursor++;
        }
        return ValueAt(ticks, cursor);
    }

    private long ValueAt(long ticks, int i)
    {
        var before = _points[i];
        if (_ticks[i] == ticks || i == _points.Length - 1)
        {
            return before.Wh;
        }
        var after = _points[i + 1];
        return before.Wh + Interpolate(after.Wh - before.Wh, ticks - _ticks[i], _ticks[i + 1] - _ticks[i]);
    }

    /// <summary>difference × elapsed / span, rounded half away from zero, in exact integer arithmetic.</summary>
    public static long Interpolate(long difference, long elapsed, long span)
    {
        Int128 numerator = (Int128)difference * elapsed;
        Int128 denominator = span;
        var quotient = Int128.DivRem(numerator, denominator);
        if (Int128.Abs(quotient.Remainder) * 2 >= denominator)
        {
            quotient.Quotient += Int128.Sign(numerator);
        }
        return (long)quotient.Quotient;
    }

    /// <summary>The worst quality of the steps overlapping (start, end), both within the points.</summary>
    public Quality WorstBetween(Instant start, Instant end)
    {
        // Steps i (from point i-1 to i) that overlap (start, end): from the step containing start
        // to the step containing end.
        var firstStep = IndexAtOrBefore(start) + 1;
        var endIndex = IndexAtOrBefore(end);
        var lastStep = _points[endIndex].Timestamp == end ? endIndex : endIndex + 1;
        lastStep = Math.Min(lastStep, _points.Length - 1);
        if (lastStep < firstStep)
        {
            return Quality.Actual;
        }
        for (var q = 2; q >= 0; q--)
        {
            if (_atLeast[q][lastStep] - _atLeast[q][firstStep - 1] > 0)
            {
                return (Quality)(q + 1);
            }
        }
        return Quality.Actual;
    }

    /// <summary>The index of the last point at or before <paramref name="instant"/> (0 when all are after it).</summary>
    public int IndexAtOrBefore(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        int lo = 0, hi = _points.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_ticks[mid] <= ticks)
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

    /// <summary>A silence longer than one and a half reading periods is a gap; the half absorbs meters reporting a few seconds late.</summary>
    public static bool IsGap(Duration step, Duration readingPeriod) => step > readingPeriod + (readingPeriod / 2);

    private static Quality[] GapQualities(IReadOnlyList<RegisterPoint> points, Duration readingPeriod)
    {
        var qualities = new Quality[points.Count];
        for (var i = 1; i < points.Count; i++)
        {
            qualities[i] = IsGap(points[i].Timestamp - points[i - 1].Timestamp, readingPeriod) ? Quality.Estimated : Quality.Actual;
        }
        return qualities;
    }
}
