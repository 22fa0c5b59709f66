using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Domain.Tests.Consumption;

public sealed class BucketsTests
{
    [Theory]
    [InlineData("Europe/Rome", 2026, 3, 29, 92, 23)]
    [InlineData("Europe/Rome", 2026, 10, 25, 100, 25)]
    [InlineData("Europe/Rome", 2026, 11, 20, 96, 24)]
    [InlineData("America/New_York", 2026, 3, 8, 92, 23)]
    [InlineData("America/New_York", 2026, 11, 1, 100, 25)]
    [InlineData("Asia/Kolkata", 2026, 6, 1, 96, 24)]
    [InlineData("Australia/Lord_Howe", 2026, 4, 5, 98, 25)]
    public void A_local_day_has_as_many_quarter_hours_and_hours_as_it_lasts(string zoneId, int y, int m, int d, int quarters, int hours)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var day = new LocalDate(y, m, d);
        var (from, to) = (zone.AtStartOfDay(day).ToInstant(), zone.AtStartOfDay(day.PlusDays(1)).ToInstant());

        var quarterHours = Buckets.Between(from, to, zone, BucketSize.QuarterHour).ToList();
        var hourBuckets = Buckets.Between(from, to, zone, BucketSize.Hour).ToList();

        Assert.Equal(quarters, quarterHours.Count);
        Assert.Equal(hours, hourBuckets.Count);
        Assert.All(quarterHours, b => Assert.Equal(Duration.FromMinutes(15), b.Interval.Duration));
        Assert.Equal(from, quarterHours[0].Interval.Start);
        Assert.Equal(to, quarterHours[^1].Interval.End);
    }

    [Fact]
    public void The_repeated_autumn_hour_appears_twice_with_its_two_offsets()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Rome"];
        var day = new LocalDate(2026, 10, 25);

        var hours = Buckets.Between(zone.AtStartOfDay(day).ToInstant(), zone.AtStartOfDay(day.PlusDays(1)).ToInstant(), zone, BucketSize.Hour).ToList();

        var twoOClock = hours.Where(h => h.Start.Hour == 2).ToList();
        Assert.Equal(2, twoOClock.Count);
        Assert.Equal([Offset.FromHours(2), Offset.FromHours(1)], twoOClock.Select(h => h.Start.Offset));
    }

    [Fact]
    public void Weeks_start_on_monday_at_local_midnight_and_months_on_the_first()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Rome"];
        var from = zone.AtStartOfDay(new LocalDate(2026, 3, 1)).ToInstant();
        var to = zone.AtStartOfDay(new LocalDate(2026, 5, 1)).ToInstant();

        var weeks = Buckets.Between(from, to, zone, BucketSize.Week).ToList();
        var months = Buckets.Between(from, to, zone, BucketSize.Month).ToList();

        Assert.All(weeks.Skip(1), w => Assert.Equal((IsoDayOfWeek.Monday, 0, 0), (w.Start.DayOfWeek, w.Start.Hour, w.Start.Minute)));
        var dstWeek = weeks.Single(w => w.Start.Date == new LocalDate(2026, 3, 23));
        Assert.Equal(Duration.FromHours((7 * 24) - 1), dstWeek.Interval.Duration);
        Assert.Equal([new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 1)], months.Select(m => m.Start.Date));
        Assert.Equal(Duration.FromHours((31 * 24) - 1), months[0].Interval.Duration);
    }

    [Fact]
    public void Buckets_are_clipped_to_the_requested_span()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Rome"];
        var from = Instant.FromUtc(2026, 11, 20, 10, 7);
        var to = Instant.FromUtc(2026, 11, 20, 10, 52);

        var quarters = Buckets.Between(from, to, zone, BucketSize.QuarterHour).Select(b => b.Interval).ToList();

        Assert.Equal(
            [new Interval(from, Instant.FromUtc(2026, 11, 20, 10, 15)), new Interval(Instant.FromUtc(2026, 11, 20, 10, 15), Instant.FromUtc(2026, 11, 20, 10, 30)),
             new Interval(Instant.FromUtc(2026, 11, 20, 10, 30), Instant.FromUtc(2026, 11, 20, 10, 45)), new Interval(Instant.FromUtc(2026, 11, 20, 10, 45), to)],
            quarters);
    }
}
