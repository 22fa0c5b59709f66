using GridMeter.Domain.Firmware;
using NodaTime;

namespace GridMeter.Domain.Tests.Firmware;

public sealed class RolloutRulesTests
{
    [Fact]
    public void Splits_a_thousand_meters_into_one_ten_and_the_rest_percent()
    {
        var waves = RolloutWaves.Assign(1000, [1, 10, 100]);
        Assert.Equal([10, 90, 900], waves.GroupBy(w => w).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void Gives_every_wave_a_meter_in_a_small_group()
    {
        Assert.Equal([0, 1, 2], RolloutWaves.Assign(3, [1, 10, 100]));
    }

    [Theory]
    [InlineData(new[] { 1, 10, 100 }, true)]
    [InlineData(new[] { 10, 10, 100 }, false)]
    [InlineData(new[] { 1, 50 }, false)]
    [InlineData(new int[0], false)]
    public void Waves_rise_to_one_hundred_percent(int[] percents, bool valid) => Assert.Equal(valid, RolloutWaves.Check(percents) is null);

    [Theory]
    [InlineData(10, 9, 0, false, RolloutStep.OpenNextWave)]
    [InlineData(10, 5, 0, false, RolloutStep.Wait)]
    [InlineData(10, 5, 2, false, RolloutStep.Pause)]
    [InlineData(10, 8, 1, false, RolloutStep.Wait)]
    [InlineData(10, 8, 1, true, RolloutStep.Wait)]
    [InlineData(10, 9, 1, true, RolloutStep.Complete)]
    [InlineData(10, 7, 1, false, RolloutStep.Wait)]
    public void Opens_the_next_wave_on_success_and_pauses_on_errors(int total, int activated, int failed, bool last, RolloutStep expected) =>
        Assert.Equal(expected, RolloutGate.Decide(new WaveProgress(total, activated, failed), 90, 20, last));

    [Fact]
    public void Pauses_when_every_meter_answered_short_of_the_success_threshold() =>
        Assert.Equal(RolloutStep.Pause, RolloutGate.Decide(new WaveProgress(100, 85, 15), 90, 20, false));

    [Theory]
    [InlineData("01:00-05:00", "2026-12-07T00:30:00Z", true)] // 01:30 in Rome
    [InlineData("01:00-05:00", "2026-12-07T10:00:00Z", false)]
    [InlineData("22:00-04:00", "2026-12-07T22:30:00Z", true)] // 23:30 in Rome, past midnight window
    [InlineData("22:00-04:00", "2026-12-07T12:00:00Z", false)]
    [InlineData("00:00-00:00", "2026-12-07T12:00:00Z", true)]
    public void Opens_the_maintenance_window_in_the_meters_local_time(string window, string at, bool open)
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Rome"];
        Assert.Equal(open, MaintenanceWindow.Parse(window)!.IsOpen(Instant.FromDateTimeOffset(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)), zone));
    }

    [Theory]
    [InlineData(FirmwareUpdateState.Downloading, "sent", null, false, false, FirmwareUpdateState.Downloading)]
    [InlineData(FirmwareUpdateState.Downloading, "succeeded", null, false, false, FirmwareUpdateState.Installing)]
    [InlineData(FirmwareUpdateState.Downloading, "failed", "verifying", false, false, FirmwareUpdateState.Failed)]
    [InlineData(FirmwareUpdateState.Installing, "succeeded", null, false, true, FirmwareUpdateState.Activated)]
    [InlineData(FirmwareUpdateState.Installing, "succeeded", null, true, false, FirmwareUpdateState.RolledBack)]
    [InlineData(FirmwareUpdateState.Activated, "succeeded", null, true, false, FirmwareUpdateState.Activated)]
    public void Follows_what_the_meter_reports(string state, string command, string? stage, bool failedEvent, bool reportsTarget, string expected) =>
        Assert.Equal(expected, FirmwareUpdateState.Follow(new FirmwareReport(state, command, stage, false, reportsTarget,
            failedEvent ? new FirmwareFailure("activating", RolledBack: true) : null)));
}
