using GridMeter.Domain.Alerts;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Domain.Tests.Alerts;

public sealed class QuietHoursTests
{
    private static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];

    [Theory]
    [InlineData("2026-11-22T20:59:00Z", null)]
    [InlineData("2026-11-22T21:00:00Z", "2026-11-23T06:00:00Z")]
    [InlineData("2026-11-22T23:30:00Z", "2026-11-23T06:00:00Z")]
    [InlineData("2026-11-23T05:59:00Z", "2026-11-23T06:00:00Z")]
    [InlineData("2026-11-23T06:00:00Z", null)]
    // Summer time ends in the night of 24-25 October 2026: 07:00 local is 06:00 UTC, not 05:00.
    [InlineData("2026-10-24T22:00:00Z", "2026-10-25T06:00:00Z")]
    // It starts in the night of 28-29 March 2026: 07:00 local is 05:00 UTC.
    [InlineData("2026-03-28T23:00:00Z", "2026-03-29T05:00:00Z")]
    public void Quiet_hours_across_midnight_end_at_the_local_time_whatever_the_offset(string now, string? until)
    {
        var quiet = new QuietHours(new LocalTime(22, 0), new LocalTime(7, 0));

        var result = quiet.DeferUntil(InstantPattern.General.Parse(now).Value, Rome);

        Assert.Equal(until, result?.ToString());
    }

    [Theory]
    [InlineData("2026-11-22T11:00:00Z", "2026-11-22T13:00:00Z")]
    [InlineData("2026-11-22T13:00:00Z", null)]
    [InlineData("2026-11-22T10:59:00Z", null)]
    public void Quiet_hours_within_a_day_end_the_same_day(string now, string? until)
    {
        var quiet = new QuietHours(new LocalTime(12, 0), new LocalTime(14, 0));

        Assert.Equal(until, quiet.DeferUntil(InstantPattern.General.Parse(now).Value, Rome)?.ToString());
    }

    [Fact]
    public void Equal_from_and_to_mean_no_quiet_hours() =>
        Assert.Null(new QuietHours(new LocalTime(7, 0), new LocalTime(7, 0)).DeferUntil(Instant.FromUtc(2026, 11, 22, 6, 0), Rome));
}
