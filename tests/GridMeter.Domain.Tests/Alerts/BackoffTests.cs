using GridMeter.Domain.Alerts;
using NodaTime;

namespace GridMeter.Domain.Tests.Alerts;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(200, 3600)]
    public void The_wait_doubles_after_each_failure_up_to_the_cap(int failures, int seconds) =>
        Assert.Equal(Duration.FromSeconds(seconds), Backoff.After(failures, Duration.FromSeconds(30), Duration.FromHours(1)));
}
