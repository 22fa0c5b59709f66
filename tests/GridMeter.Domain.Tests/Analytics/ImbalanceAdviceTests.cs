using GridMeter.Domain.Analytics;
using NodaTime;

namespace GridMeter.Domain.Tests.Analytics;

public sealed class ImbalanceAdviceTests
{
    private static readonly Instant Hour = Instant.FromUtc(2026, 12, 7, 10, 0);

    [Theory]
    [InlineData(2.0, 0.5, 15, 2.0)]   // 1.5 kWh left for 45 minutes
    [InlineData(2.0, 2.0, 30, 0.0)]   // on schedule: hold nothing more
    [InlineData(1.0, 1.5, 30, -1.0)]  // 0.5 kWh over: only export or shedding can bring it back
    [InlineData(3.0, 0.0, 0, 3.0)]    // at the top of the hour: the schedule's own average
    public void The_power_to_hold_spreads_what_is_left_of_the_schedule_over_what_is_left_of_the_hour(double scheduled, double soFar, int minutes, double holdKw)
    {
        var advice = ImbalanceAdvice.For((decimal)scheduled, (decimal)soFar, Hour + Duration.FromMinutes(minutes));

        Assert.Equal((decimal)holdKw, advice.HoldKw);
        Assert.Equal(Hour, advice.HourStart);
        Assert.Equal(Hour + Duration.FromHours(1), advice.HourEnd);
    }

    [Fact]
    public void Holding_the_advised_power_lands_on_the_schedule()
    {
        var now = Hour + Duration.FromSeconds(1234);
        var advice = ImbalanceAdvice.For(4.2m, 1.1m, now);

        var landed = advice.SoFarKwh + (advice.HoldKw!.Value * (decimal)(advice.HourEnd - now).TotalHours);

        Assert.Equal(4.2m, Math.Round(landed, 2));
    }

    [Fact]
    public void In_the_last_second_of_the_hour_no_power_is_advised()
    {
        Assert.Null(ImbalanceAdvice.For(1m, 0.5m, Hour + Duration.FromHours(1) - Duration.FromMilliseconds(500)).HoldKw);
    }
}
