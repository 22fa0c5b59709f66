using FsCheck;
using FsCheck.Fluent;
using GridMeter.Domain.Readings;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using NodaTime;

namespace GridMeter.Simulator.Tests.Meters;

public sealed class RegisterTests
{
    private static readonly Instant Day = Sample.StartOf(Sample.FirstOfMarch.PlusDays(10));

    [Fact]
    public void Registers_never_decrease_and_day_plus_night_is_the_total_at_any_instants()
    {
        var meter = Sample.Meter(HouseholdArchetype.SolarHome, 3, tariff: TariffWindow.DayNight);
        var seconds = Gen.Choose(0, 14 * 24 * 3600).ArrayOf().ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(seconds, offsets =>
        {
            var snapshots = meter.SnapshotsAt([.. offsets.Order().Select(s => Day + Duration.FromSeconds(s))]);
            for (var i = 0; i < snapshots.Count; i++)
            {
                var values = snapshots[i].Values;
                Assert.Equal(values[ObisCode.ActiveImport], values[new ObisCode(1, 0, 1, 8, 1)] + values[new ObisCode(1, 0, 1, 8, 2)]);
                if (i > 0)
                {
                    Assert.All(values, v => Assert.True(v.Value >= snapshots[i - 1].Values[v.Key], $"{v.Key} went down"));
                }
            }
        }));
    }

    [Theory]
    [InlineData(HouseholdArchetype.FamilyWithChildren, 1)]
    [InlineData(HouseholdArchetype.SolarHome, 3)]
    [InlineData(HouseholdArchetype.ElectricVehicleHome, 3)]
    public void Register_difference_is_the_integral_of_live_power_to_the_wh(HouseholdArchetype archetype, int phases)
    {
        var meter = Sample.Meter(archetype, 11, phases: phases);
        var from = Day + Duration.FromSeconds(20_000.5);
        var to = from + Duration.FromHours(14);
        // Power is constant over each minute: sample it at the start of every minute in between.
        double importJoules = 0, exportJoules = 0;
        var firstMinute = Day + Duration.FromMinutes(Math.Ceiling((from - Day).TotalMinutes));
        importJoules += (double)meter.LiveAt(from).Values[ObisCode.ActivePowerImport] * 1000 * (firstMinute - from).TotalSeconds;
        exportJoules += (double)meter.LiveAt(from).Values[ObisCode.ActivePowerExport] * 1000 * (firstMinute - from).TotalSeconds;
        for (var at = firstMinute; at < to; at += Duration.FromMinutes(1))
        {
            var seconds = Math.Min(60, (to - at).TotalSeconds);
            importJoules += (double)meter.LiveAt(at).Values[ObisCode.ActivePowerImport] * 1000 * seconds;
            exportJoules += (double)meter.LiveAt(at).Values[ObisCode.ActivePowerExport] * 1000 * seconds;
        }
        var (start, end) = (meter.SnapshotAt(from), meter.SnapshotAt(to));

        Assert.InRange(Sample.Wh(end, ObisCode.ActiveImport) - Sample.Wh(start, ObisCode.ActiveImport) - (importJoules / 3600), -1.0, 1.0);
        Assert.InRange(Sample.Wh(end, ObisCode.ActiveExport) - Sample.Wh(start, ObisCode.ActiveExport) - (exportJoules / 3600), -1.0, 1.0);
    }

    [Fact]
    public void Night_register_grows_only_in_night_hours_and_day_register_only_in_day_hours()
    {
        var meter = Sample.Meter(HouseholdArchetype.ElectricVehicleHome, 2, tariff: TariffWindow.DayNight);
        var series = meter.SnapshotsBetween(Day, Day + Duration.FromDays(7), Duration.FromMinutes(15));
        var day = new ObisCode(1, 0, 1, 8, 1);
        var night = new ObisCode(1, 0, 1, 8, 2);
        for (var i = 1; i < series.Count; i++)
        {
            var hour = series[i - 1].Timestamp.InZone(Sample.Rome).Hour;
            var grew = hour is >= 7 and < 23 ? night : day;
            Assert.Equal(series[i - 1].Values[grew], series[i].Values[grew]);
        }
        Assert.True(Sample.Wh(series[^1], night) - Sample.Wh(series[0], night) > 10_000, "a car charging at night fills the night register");
    }

    [Fact]
    public void Registers_start_from_the_initial_values_at_installation()
    {
        var installed = Day + Duration.FromHours(9) + Duration.FromSeconds(30);
        var household = Sample.Household(HouseholdArchetype.SolarHome, 1);
        var meter = new VirtualMeter(new MeterSetup("MTR-1", household, installed)
        {
            Initial = new InitialRegisters(1000.5m, 200.25m, 30.125m),
            Tariff = TariffWindow.DayNight,
        });

        var first = meter.SnapshotAt(meter.InstalledAt);

        Assert.Equal(installed + Duration.FromSeconds(30), meter.InstalledAt);
        Assert.Equal(1200.750m, first.Values[ObisCode.ActiveImport]);
        Assert.Equal(30.125m, first.Values[ObisCode.ActiveExport]);
        Assert.Throws<ArgumentOutOfRangeException>(() => meter.SnapshotAt(installed));
        Assert.True(meter.SnapshotAt(Day + Duration.FromDays(1)).Values[ObisCode.ActiveExport] > 31m, "a sunny-enough March day exports");
    }

    [Fact]
    public void Values_have_exactly_three_decimals()
    {
        var snapshot = Sample.Meter(HouseholdArchetype.Retired, 4).SnapshotAt(Day + Duration.FromHours(12));

        Assert.All(snapshot.Values, v => Assert.Equal(3, v.Value.Scale));
    }
}
