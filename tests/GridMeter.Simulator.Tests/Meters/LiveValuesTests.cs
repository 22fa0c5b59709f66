using GridMeter.Domain.Readings;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using NodaTime;

namespace GridMeter.Simulator.Tests.Meters;

public sealed class LiveValuesTests
{
    private static readonly Instant Evening = Sample.StartOf(Sample.FirstOfMarch.PlusDays(4)) + Duration.FromHours(19);

    [Fact]
    public void Single_phase_live_values_are_plausible_and_consistent()
    {
        var meter = Sample.Meter(HouseholdArchetype.FamilyWithChildren, 21);
        for (var at = Evening; at < Evening + Duration.FromHours(2); at += Duration.FromSeconds(61))
        {
            var values = meter.LiveAt(at).Values;
            var kw = values[ObisCode.ActivePowerImport];
            var volts = values[ObisCode.Voltage];
            var amps = values[ObisCode.Current];
            var pf = values[ObisCode.PowerFactor];

            Assert.InRange(volts, 220m, 240m);
            Assert.InRange(values[ObisCode.Frequency], 49.95m, 50.05m);
            Assert.InRange(pf, 0.5m, 1m);
            Assert.Equal(0m, values[ObisCode.ActivePowerExport]);
            Assert.InRange((double)amps, ((double)(kw * 1000 / (volts * pf))) - 0.05, ((double)(kw * 1000 / (volts * pf))) + 0.05);
            Assert.DoesNotContain(new ObisCode(1, 0, 21, 7, 0), values.Keys);
        }
    }

    [Fact]
    public void Three_phase_meter_reports_each_phase_and_phases_add_up_to_the_total()
    {
        var meter = Sample.Meter(HouseholdArchetype.ElectricVehicleHome, 8, phases: 3);
        var values = meter.LiveAt(Evening).Values;
        var phases = new[] { 21, 41, 61 }.Sum(c => values[new ObisCode(1, 0, (byte)c, 7, 0)]);

        Assert.InRange(phases - values[ObisCode.ActivePowerImport], -0.002m, 0.002m);
        Assert.All(new byte[] { 32, 52, 72 }, c => Assert.InRange(values[new ObisCode(1, 0, c, 7, 0)], 220m, 240m));
        Assert.All(new byte[] { 31, 51, 71 }, c => Assert.True(values.ContainsKey(new ObisCode(1, 0, c, 7, 0))));
    }

    [Fact]
    public void A_solar_home_exports_at_midday_and_imports_at_night()
    {
        var meter = Sample.Meter(HouseholdArchetype.SolarHome, 14);
        var noon = Enumerable.Range(0, 10).Select(d => meter.LiveAt(Sample.StartOf(Sample.FirstOfMarch.PlusDays(d)) + Duration.FromHours(13)).Values).ToList();
        var night = meter.LiveAt(Sample.StartOf(Sample.FirstOfMarch.PlusDays(3)) + Duration.FromHours(3)).Values;

        Assert.Contains(noon, v => v[ObisCode.ActivePowerExport] > 0.5m);
        Assert.Equal(0m, night[ObisCode.ActivePowerExport]);
        Assert.True(night[ObisCode.ActivePowerImport] > 0m);
    }

    [Fact]
    public void Frequency_is_shared_by_all_meters_on_the_grid_within_measurement_noise()
    {
        var first = Sample.Meter(HouseholdArchetype.Retired, 1).LiveAt(Evening).Values[ObisCode.Frequency];
        var second = Sample.Meter(HouseholdArchetype.HomeOffice, 2).LiveAt(Evening).Values[ObisCode.Frequency];

        Assert.InRange(first - second, -0.005m, 0.005m);
    }
}
