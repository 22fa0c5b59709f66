using GridMeter.Domain.Outages;
using NodaTime;

namespace GridMeter.Domain.Tests.Outages;

public sealed class ReliabilityTests
{
    private static readonly Instant Day = Instant.FromUtc(2026, 11, 22, 0, 0);

    private static Interruption Out(int fromMinute, int? toMinute) =>
        new(Day + Duration.FromMinutes(fromMinute), toMinute is { } t ? Day + Duration.FromMinutes(t) : null);

    [Fact]
    public void Sums_customer_minutes_and_counts_sustained_interruptions_per_customer_served()
    {
        var indices = Reliability.Compute([Out(600, 630), Out(600, 630), Out(700, 760)], 10, Day, Day + Duration.FromDays(1), Day + Duration.FromDays(2));

        Assert.Equal((120.0 / 10, 3.0 / 10, 3), (indices.Saidi, indices.Saifi, indices.CustomersInterrupted));
    }

    [Fact]
    public void Leaves_out_momentary_interruptions_of_five_minutes_or_less()
    {
        var indices = Reliability.Compute([Out(600, 605), Out(600, 606)], 2, Day, Day + Duration.FromDays(1), Day + Duration.FromDays(2));

        Assert.Equal((3.0, 0.5), (indices.Saidi, indices.Saifi));
    }

    [Fact]
    public void Clips_minutes_to_the_period_counts_an_interruption_in_the_period_it_began_and_runs_an_open_one_until_now()
    {
        // Began the evening before, 60 minutes of it inside the day; one still open at 00:30 of the day.
        var indices = Reliability.Compute([Out(-60, 60), Out(0, null)], 4, Day, Day + Duration.FromDays(1), Day + Duration.FromMinutes(30));

        Assert.Equal((90.0 / 4, 1.0 / 4), (indices.Saidi, indices.Saifi));
    }

    [Fact]
    public void Gives_zero_when_no_customer_is_served()
    {
        Assert.Equal(0, Reliability.Compute([Out(0, 60)], 0, Day, Day + Duration.FromDays(1), Day).Saidi);
    }
}
