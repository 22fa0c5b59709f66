using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Domain.Vee;

/// <summary>Lays estimates, suspect flags and edits over a continuous register, keeping it one telescoping curve.</summary>
internal static class SeriesComposer
{
    public static RegisterSeries Compose(
        List<RegisterPoint> continuous, IReadOnlyList<CurvePatch> estimates, IReadOnlyList<VeeFlag> flags,
        IReadOnlyList<IntervalEdit> edits, Duration readingPeriod)
    {
        var points = new List<RegisterPoint>(continuous.Count);
        var qualities = new List<Quality>(continuous.Count);
        var byStart = estimates.Count == 0 ? null : estimates.GroupBy(e => e.Start).ToDictionary(g => g.Key, g => g.Last());
        for (var i = 0; i < continuous.Count; i++)
        {
            var point = continuous[i];
            var quality = Quality.Actual;
            if (i > 0 && RegisterSeries.IsGap(point.Timestamp - continuous[i - 1].Timestamp, readingPeriod))
            {
                quality = Quality.Estimated;
                var from = continuous[i - 1];
                // An estimate made before later readings split its gap no longer fits and is ignored.
                if (byStart is not null && byStart.TryGetValue(from.Timestamp, out var patch)
                    && patch.End == point.Timestamp && patch.Total == point.Wh - from.Wh)
                {
                    foreach (var inner in patch.Points)
                    {
                        if (inner.Timestamp > from.Timestamp && inner.Timestamp < point.Timestamp)
                        {
                            points.Add(new RegisterPoint(inner.Timestamp, from.Wh + inner.Wh));
                            qualities.Add(Quality.Estimated);
                        }
                    }
                }
            }
            points.Add(point);
            qualities.Add(quality);
        }
        MarkSuspect(points, qualities, flags);
        foreach (var edit in edits.OrderBy(e => e.Version))
        {
            ApplyEdit(points, qualities, edit.Patch);
        }
        return new RegisterSeries(points, qualities);
    }

    private static void MarkSuspect(List<RegisterPoint> points, List<Quality> qualities, IReadOnlyList<VeeFlag> flags)
    {
        foreach (var flag in flags)
        {
            var i = Math.Max(FirstAtOrAfter(points, flag.Start), 1);
            if (flag.Start == flag.End)
            {
                // A flag on one instant marks the step ending there.
                if (i < points.Count && points[i].Timestamp == flag.Start)
                {
                    qualities[i] = Worse(qualities[i], Quality.Suspect);
                }
                continue;
            }
            // Steps (a, b) overlapping [start, end]: a < end and b > start.
            for (; i < points.Count && points[i - 1].Timestamp < flag.End; i++)
            {
                if (points[i].Timestamp > flag.Start)
                {
                    qualities[i] = Worse(qualities[i], Quality.Suspect);
                }
            }
        }
    }

    private static Quality Worse(Quality a, Quality b) => a > b ? a : b;

    private static void ApplyEdit(List<RegisterPoint> points, List<Quality> qualities, CurvePatch patch)
    {
        if (points.Count < 2 || patch.Start < points[0].Timestamp || patch.End > points[^1].Timestamp || patch.End <= patch.Start)
        {
            return; // an edit is only ever made where readings surround it
        }
        var (startValue, _) = ValueAt(points, qualities, patch.Start);
        var (endValue, endQuality) = ValueAt(points, qualities, patch.End);
        var shift = patch.Total - (endValue - startValue);

        var first = FirstAtOrAfter(points, patch.Start);
        var afterEnd = FirstAtOrAfter(points, patch.End);
        var endIsPoint = afterEnd < points.Count && points[afterEnd].Timestamp == patch.End;
        var tailStart = endIsPoint ? afterEnd + 1 : afterEnd;

        var newPoints = new List<RegisterPoint>(points.Count + patch.Points.Count + 2);
        var newQualities = new List<Quality>(newPoints.Capacity);
        for (var i = 0; i < first; i++)
        {
            newPoints.Add(points[i]);
            newQualities.Add(qualities[i]);
        }
        var (_, startQuality) = ValueAt(points, qualities, patch.Start);
        newPoints.Add(new RegisterPoint(patch.Start, startValue));
        newQualities.Add(first < points.Count && points[first].Timestamp == patch.Start ? qualities[first] : startQuality);
        foreach (var p in patch.Points)
        {
            if (p.Timestamp > patch.Start && p.Timestamp <= patch.End)
            {
                newPoints.Add(new RegisterPoint(p.Timestamp, startValue + p.Wh));
                newQualities.Add(Quality.Edited);
            }
        }
        for (var i = tailStart; i < points.Count; i++)
        {
            newPoints.Add(points[i] with { Wh = points[i].Wh + shift });
            newQualities.Add(i == tailStart && !endIsPoint ? endQuality : qualities[i]);
        }
        points.Clear();
        points.AddRange(newPoints);
        qualities.Clear();
        qualities.AddRange(newQualities);
    }

    /// <summary>The value at an instant within the points, and the quality of the step it lies in.</summary>
    private static (long Value, Quality Quality) ValueAt(List<RegisterPoint> points, List<Quality> qualities, Instant instant)
    {
        var i = FirstAtOrAfter(points, instant);
        if (points[i].Timestamp == instant)
        {
            return (points[i].Wh, qualities[i]);
        }
        var (a, b) = (points[i - 1], points[i]);
        var value = a.Wh + RegisterSeries.Interpolate(b.Wh - a.Wh, (instant - a.Timestamp).BclCompatibleTicks, (b.Timestamp - a.Timestamp).BclCompatibleTicks);
        return (value, qualities[i]);
    }

    private static int FirstAtOrAfter(List<RegisterPoint> points, Instant instant)
    {
        int lo = 0, hi = points.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (points[mid].Timestamp < instant)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
