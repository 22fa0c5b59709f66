using GridMeter.Domain.Consumption;
using GridMeter.Domain.Vee;
using NodaTime;
using VeeRun = GridMeter.Domain.Vee.Vee;

namespace GridMeter.Domain.Tests.Vee;

public sealed class ValidationTests
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 0, 0);
    private static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];
    private static readonly ConnectionLimit Household = new(1, 230, 63);

    [Fact]
    public void A_quarter_hour_above_the_connections_physical_limit_is_suspect()
    {
        // 1 × 230 V × 63 A = 14,490 W: at most 3,623 Wh in a quarter-hour.
        var outcome = Run(Regular(8, 200), (4, 3_700));

        var flag = Assert.Single(outcome.Flags);
        Assert.Equal((VeeRule.AbovePhysicalLimit, Start + (Quarter * 3), Start + (Quarter * 4)), (flag.Rule, flag.Start, flag.End));
    }

    [Fact]
    public void A_register_passing_its_largest_value_is_a_rollover_not_a_drop()
    {
        var points = new List<RegisterPoint> { new(Start, 99_999_800), new(Start + Quarter, 99_999_950), new(Start + (Quarter * 2), 150) };

        var outcome = Run(points);
        var series = VeeRun.Corrected(points, outcome.Rollovers, outcome.Estimates, outcome.Flags, [], Quarter);

        var rollover = Assert.Single(outcome.Rollovers);
        Assert.Equal((RegisterEventKind.Rollover, 100_000_150L), (rollover.Kind, rollover.Before));
        Assert.Empty(outcome.Flags);
        Assert.Equal(200, series.ValueAt(Start + (Quarter * 2)) - series.ValueAt(Start + Quarter));
    }

    [Fact]
    public void A_drop_that_is_no_rollover_is_suspect_until_an_exchange_is_recorded()
    {
        var points = new List<RegisterPoint> { new(Start, 5_000_000), new(Start + Quarter, 5_000_100), new(Start + (Quarter * 2), 40) };

        var unexplained = Run(points);
        var exchange = new RegisterEvent(Start + Quarter + Duration.FromMinutes(5), 5_000_130, 0, RegisterEventKind.Exchange);
        var explained = VeeRun.Run(Input(points) with { RecordedEvents = [exchange] });
        var series = VeeRun.Corrected(points, [exchange], explained.Estimates, explained.Flags, [], Quarter);

        Assert.Equal(VeeRule.RegisterDecreased, Assert.Single(unexplained.Flags).Rule);
        Assert.Empty(explained.Flags);
        // 30 Wh on the old meter after its last reading, then 40 Wh on the new one.
        Assert.Equal(70, series.ValueAt(Start + (Quarter * 2)) - series.ValueAt(Start + Quarter));
    }

    [Fact]
    public void A_quarter_hour_far_above_the_meters_usual_use_at_that_weekday_and_time_is_suspect()
    {
        var history = new List<RegisterPoint>();
        var wh = 0L;
        for (var t = Start; t <= Start + Duration.FromDays(28); t += Quarter)
        {
            history.Add(new RegisterPoint(t, wh));
            wh += 100 + (t.ToUnixTimeSeconds() / 900 % 3);
        }
        var profile = Profile.Learn(new RegisterSeries(history, Quarter), Start, Start + Duration.FromDays(28), Rome);
        var day = Start + Duration.FromDays(28);
        List<RegisterPoint> fresh = [new(day, 0), new(day + Quarter, 100), new(day + (Quarter * 2), 2_600), new(day + (Quarter * 3), 2_700)];

        var outcome = VeeRun.Run(Input(fresh) with { Profile = profile });

        var flag = Assert.Single(outcome.Flags);
        Assert.Equal((VeeRule.OutsideProfile, day + Quarter), (flag.Rule, flag.Start));
    }

    [Fact]
    public void A_register_that_does_not_move_for_two_days_is_a_flat_line()
    {
        var points = Regular(4, 50);
        var last = points[^1];
        for (var k = 1; k <= 200; k++)
        {
            points.Add(new RegisterPoint(last.Timestamp + (Quarter * k), last.Wh));
        }

        var flag = Assert.Single(Run(points).Flags);

        Assert.Equal((VeeRule.FlatLine, last.Timestamp), (flag.Rule, flag.Start));
    }

    [Fact]
    public void Readings_off_the_reading_grid_drifted_and_readings_ahead_of_the_clock_are_suspect()
    {
        List<RegisterPoint> points = [new(Start, 0), new(Start + Quarter + Duration.FromMinutes(4), 100), new(Start + (Quarter * 3), 200)];

        var outcome = VeeRun.Run(Input(points) with { Now = Start + Quarter });

        Assert.Contains(outcome.Flags, f => f.Rule == VeeRule.ClockDrift && f.End == points[1].Timestamp);
        Assert.Contains(outcome.Flags, f => f.Rule == VeeRule.FutureTimestamp && f.End == points[2].Timestamp);
    }

    [Fact]
    public void A_conflicting_resend_makes_both_steps_around_it_suspect()
    {
        var points = Regular(4, 100);

        var outcome = VeeRun.Run(Input(points) with { ConflictTimestamps = [points[2].Timestamp] });
        var series = VeeRun.Corrected(points, [], outcome.Estimates, outcome.Flags, [], Quarter);

        Assert.Equal([Quality.Actual, Quality.Suspect, Quality.Suspect], Enumerable.Range(1, 3).Select(series.StepQuality));
    }

    internal static List<RegisterPoint> Regular(int count, long whPerQuarter) =>
        [.. Enumerable.Range(0, count).Select(i => new RegisterPoint(Start + (Quarter * i), 1_000 + (i * whPerQuarter)))];

    private static VeeOutcome Run(List<RegisterPoint> points, params (int Index, long Wh)[] steps)
    {
        foreach (var (index, wh) in steps)
        {
            var delta = wh - (points[index].Wh - points[index - 1].Wh);
            for (var i = index; i < points.Count; i++)
            {
                points[i] = points[i] with { Wh = points[i].Wh + delta };
            }
        }
        return VeeRun.Run(Input(points));
    }

    private static VeeInput Input(List<RegisterPoint> points) =>
        new(points, [], [], Household, Profile.Empty, VeeSettings.Default, Rome, Quarter, points[^1].Timestamp);
}
