using GridMeter.Domain.Consumption;
using GridMeter.Domain.Vee;
using NodaTime;
using VeeRun = GridMeter.Domain.Vee.Vee;

namespace GridMeter.Domain.Tests.Vee;

public sealed class EstimationTests
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);
    private static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];

    [Fact]
    public void Without_a_profile_a_gap_is_shared_in_proportion_to_time()
    {
        var a = new RegisterPoint(Instant.FromUtc(2026, 11, 2, 10, 0), 1_000);
        var b = new RegisterPoint(Instant.FromUtc(2026, 11, 2, 12, 0), 1_800);

        var patch = Estimation.Fill(a, b, Profile.Empty, Rome);

        Assert.Equal(Enumerable.Range(1, 8).Select(k => (long)k * 100), patch.Points.Select(p => p.Wh));
        Assert.Equal(b.Timestamp, patch.Points[^1].Timestamp);
    }

    [Fact]
    public void With_a_profile_a_gap_follows_the_meters_usual_shape_and_keeps_the_exact_total()
    {
        // Four Mondays where the hour 10:00-11:00 local uses 3 times as much as 11:00-12:00.
        var monday = new LocalDate(2026, 10, 5);
        var history = new List<RegisterPoint>();
        var from = Rome.AtStartOfDay(monday).ToInstant();
        var wh = 0L;
        for (var t = from; t <= from + Duration.FromDays(28); t += Quarter)
        {
            history.Add(new RegisterPoint(t, wh));
            wh += t.InZone(Rome).Hour == 10 ? 300 : 100;
        }
        var profile = Profile.Learn(new RegisterSeries(history, Quarter), from, from + Duration.FromDays(28), Rome);
        var gapStart = Rome.AtStrictly(new LocalDateTime(2026, 11, 2, 10, 0)).ToInstant();
        var a = new RegisterPoint(gapStart, 50_000);
        var b = new RegisterPoint(gapStart + Duration.FromHours(2), 50_000 + 1_601);

        var patch = Estimation.Fill(a, b, profile, Rome);
        var series = VeeRun.Corrected([a, b], [], [patch], [], [], Quarter);
        var hours = Buckets.Between(a.Timestamp, b.Timestamp, Rome, BucketSize.Hour).Select(series.Consumption).ToList();

        Assert.Equal(1_601, hours.Sum(h => h.Wh));
        Assert.InRange(hours[0].Wh!.Value, 1_190, 1_210);
        Assert.All(hours, h => Assert.Equal(Quality.Estimated, h.Quality));
    }

    [Fact]
    public void An_estimate_made_before_late_readings_split_the_gap_is_ignored()
    {
        var a = new RegisterPoint(Instant.FromUtc(2026, 11, 2, 10, 0), 1_000);
        var b = new RegisterPoint(Instant.FromUtc(2026, 11, 2, 12, 0), 1_800);
        var stale = Estimation.Fill(a, b, Profile.Empty, Rome);
        var late = new RegisterPoint(Instant.FromUtc(2026, 11, 2, 11, 0), 1_700);

        var series = VeeRun.Corrected([a, late, b], [], [stale], [], [], Quarter);

        Assert.Equal(1_700, series.ValueAt(late.Timestamp));
        Assert.Equal(1_350, series.ValueAt(Instant.FromUtc(2026, 11, 2, 10, 30)));
    }

    [Fact]
    public void An_edit_replaces_its_intervals_carries_its_difference_onwards_and_is_marked_edited()
    {
        var points = ValidationTests.Regular(9, 100);
        var start = points[2].Timestamp;
        var edit = new IntervalEdit(1, new CurvePatch(start, start + (Quarter * 2), [new(start + Quarter, 10), new(start + (Quarter * 2), 30)]));

        var series = VeeRun.Corrected(points, [], [], [], [edit], Quarter);
        var quarters = Buckets.Between(points[0].Timestamp, points[^1].Timestamp, DateTimeZone.Utc, BucketSize.QuarterHour)
            .Select(series.Consumption).ToList();

        Assert.Equal([100L, 100, 10, 20, 100, 100, 100, 100], quarters.Select(q => q.Wh!.Value));
        Assert.Equal([Quality.Actual, Quality.Actual, Quality.Edited, Quality.Edited, Quality.Actual], quarters.Take(5).Select(q => q.Quality));
    }
}
