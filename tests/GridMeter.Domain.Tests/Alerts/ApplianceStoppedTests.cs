using GridMeter.Domain.Alerts;

namespace GridMeter.Domain.Tests.Alerts;

public sealed class ApplianceStoppedTests
{
    [Theory]
    [InlineData(0L, 5_000L, null, true)]
    [InlineData(0L, 5_000L, "on", true)]
    [InlineData(0L, 5_000L, "off", false)]
    [InlineData(10L, 5_000L, null, false)]
    [InlineData(0L, 0L, null, false)]
    [InlineData(null, 5_000L, null, false)]
    [InlineData(0L, null, null, false)]
    public void An_appliance_stopped_when_it_drew_nothing_though_it_drew_before_and_was_not_switched_off(long? windowWh, long? weekBeforeWh, string? state, bool stopped) =>
        Assert.Equal(stopped, ApplianceStopped.IsStopped(windowWh, weekBeforeWh, state));
}
