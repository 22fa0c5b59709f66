using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Domain.Tests.Consumption;

public sealed class SummariesTests
{
    [Theory]
    [InlineData("Europe/Rome", 2026, 3, 29, 92)]
    [InlineData("Europe/Rome", 2026, 10, 25, 100)]
    [InlineData("America/New_York", 2026, 3, 8, 92)]
    [InlineData("America/New_York", 2026, 11, 1, 100)]
    public void A_dst_day_summary_counts_its_local_quarter_hours_and_finds_the_largest(string zoneId, int y, int m, int d, int quarters)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var day = new LocalDate(y, m, d);
        var (from, to) = (zone.AtStartOfDay(day).ToInstant(), zone.AtStartOfDay(day.PlusDays(1)).ToInstant());
        var points = new List<RegisterPoint>();
        var wh = 0L;
        for (var (t, i) = (from, 0); t <= to; t += Duration.FromMinutes(15), i++)
        {
            points.Add(new RegisterPoint(t, wh));
            wh += i == 40 ? 900 : 10 + (i % 5);
        }
        var series = new RegisterSeries(points, Duration.FromMinutes(15));

        var summary = Summaries.Of(series, new Bucket(from.InZone(zone), to.InZone(zone)));

        Assert.Equal((quarters, 10L, 900L), (summary.Count, summary.MinWh!.Value, summary.MaxWh!.Value));
        Assert.Equal(points[^1].Wh, summary.Wh);
        Assert.Equal(Quality.Actual, summary.Quality);
    }
}
