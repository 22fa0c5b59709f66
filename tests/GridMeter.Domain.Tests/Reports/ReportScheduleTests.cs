using GridMeter.Domain.Reports;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Domain.Tests.Reports;

public sealed class ReportScheduleTests
{
    private static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];

    [Theory]
    [InlineData("week", "2026-10-15T12:00:00Z", "2026-10-19T05:00:00Z")]
    [InlineData("week", "2026-10-19T05:00:00Z", "2026-10-26T06:00:00Z")]
    [InlineData("week", "2026-03-23T06:00:00Z", "2026-03-30T05:00:00Z")]
    [InlineData("day", "2026-10-24T05:00:00Z", "2026-10-25T06:00:00Z")]
    [InlineData("month", "2026-10-15T12:00:00Z", "2026-11-01T06:00:00Z")]
    public void Runs_at_seven_local_time_on_both_sides_of_a_dst_change(string period, string after, string next)
    {
        var schedule = new ReportSchedule(period, IsoDayOfWeek.Monday, new LocalTime(7, 0), Rome);

        Assert.Equal(next, schedule.NextRunAfter(InstantPattern.General.Parse(after).Value).ToString());
    }

    [Fact]
    public void A_run_time_skipped_by_the_spring_change_moves_forward_by_the_gap()
    {
        var schedule = new ReportSchedule("day", null, new LocalTime(2, 30), Rome);

        Assert.Equal("2026-03-29T01:30:00Z", schedule.NextRunAfter(Instant.FromUtc(2026, 3, 28, 12, 0)).ToString());
    }

    [Theory]
    [InlineData("day", "2026-10-19", "2026-10-18", "2026-10-19")]
    [InlineData("week", "2026-10-19", "2026-10-12", "2026-10-19")]
    [InlineData("week", "2026-10-22", "2026-10-12", "2026-10-19")]
    [InlineData("month", "2026-11-01", "2026-10-01", "2026-11-01")]
    public void A_scheduled_report_covers_the_last_complete_period(string period, string today, string from, string to)
    {
        var parse = LocalDatePattern.Iso;

        var (start, end) = ReportPeriod.LastCompleteBefore(parse.Parse(today).Value, period);

        Assert.Equal((from, to), (parse.Format(start), parse.Format(end)));
    }

    [Fact]
    public void Csv_defuses_formulas_and_quotes_commas()
    {
        var document = ReportDocument.Render("t", "s", [new ReportRow("=HYPERLINK(\"x\")", 1m), new ReportRow("Fridge, kitchen", 2.5m)], withMinMax: false);

        Assert.Equal("label,kwh\r\n\"'=HYPERLINK(\"\"x\"\")\",1\r\n\"Fridge, kitchen\",2.5\r\n", document.Csv);
        Assert.Contains("width=\"240\" height=\"12\"", document.Html, StringComparison.Ordinal);
    }
}
