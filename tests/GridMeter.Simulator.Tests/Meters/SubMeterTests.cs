using GridMeter.Domain.Readings;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using NodaTime;

namespace GridMeter.Simulator.Tests.Meters;

public sealed class SubMeterTests
{
    private static readonly Instant Day = Sample.StartOf(Sample.FirstOfMarch.PlusDays(5));

    [Theory]
    [InlineData(HouseholdArchetype.FamilyWithChildren, 1)]
    [InlineData(HouseholdArchetype.ElectricHeating, 2)]
    [InlineData(HouseholdArchetype.HomeOffice, 3)]
    public void Appliance_sub_meters_never_add_up_to_more_than_the_main_meter(HouseholdArchetype archetype, long seed)
    {
        var meter = Sample.Meter(archetype, seed);
        meter.SetApplianceState("fridge", false, Day + Duration.FromSeconds(30_000.3));
        meter.SetApplianceState("fridge", true, Day + Duration.FromSeconds(40_000.7));
        var random = new Random(7);
        var instants = Enumerable.Range(0, 200).Select(_ => Day + Duration.FromSeconds(random.Next(0, 2 * 86_400)) + Duration.FromMilliseconds(random.Next(1000))).Order().ToList();
        // Short steps are where rounding would show: add instants a few seconds apart.
        instants.AddRange(Enumerable.Range(0, 120).Select(i => Day + Duration.FromHours(19) + Duration.FromSeconds(i * 3)));
        instants = [.. instants.Order()];
        var main = meter.SnapshotsAt(instants).Select(s => Sample.Wh(s, ObisCode.ActiveImport)).ToList();
        var sums = instants.Select(at => meter.Household.Appliances.Sum(a => Sample.Wh(meter.ApplianceSnapshotAt(a.Id, at), ObisCode.ActiveImport))).ToList();

        for (var i = 1; i < instants.Count; i++)
        {
            Assert.True(main[i] - main[i - 1] >= sums[i] - sums[i - 1], $"sub-meters {sums[i] - sums[i - 1]} Wh over main {main[i] - main[i - 1]} Wh before {instants[i]}");
        }
        Assert.InRange(main[^1] - sums[^1], 0, meter.Household.Appliances.Count);
    }

    [Fact]
    public void A_sub_meter_tracks_its_own_energy_within_a_few_wh()
    {
        var meter = Sample.Meter(HouseholdArchetype.FamilyWithChildren, 8);
        for (var at = Day; at < Day + Duration.FromDays(1); at += Duration.FromMinutes(7))
        {
            var after = meter.ApplianceSnapshotAt("fridge", at + Duration.FromMinutes(7));
            var before = meter.ApplianceSnapshotAt("fridge", at);
            var expected = (double)before.PowerKw * 1000 * 7 / 60; // the fridge keeps its power for whole minutes
            if (before.PowerKw == after.PowerKw && before.PowerKw > 0)
            {
                Assert.InRange(Sample.Wh(after, ObisCode.ActiveImport) - Sample.Wh(before, ObisCode.ActiveImport), expected - 6, expected + 6);
            }
        }
    }

    [Fact]
    public void A_switched_off_plug_consumes_nothing_after_the_switch_instant()
    {
        var meter = Sample.Meter(HouseholdArchetype.FamilyWithChildren, 4);
        var off = Day + Duration.FromHours(12) + Duration.FromSeconds(30);
        var on = off + Duration.FromHours(3);
        var before = meter.ApplianceSnapshotAt("freezer", off - Duration.FromSeconds(1));
        meter.SetApplianceState("freezer", false, off);
        meter.SetApplianceState("freezer", true, on);

        var atOff = meter.ApplianceSnapshotAt("freezer", off);
        var later = meter.ApplianceSnapshotAt("freezer", on);

        Assert.Equal(before.Registers.Values, meter.ApplianceSnapshotAt("freezer", off - Duration.FromSeconds(1)).Registers.Values);
        Assert.False(atOff.IsOn);
        Assert.Equal(0m, atOff.PowerKw);
        Assert.Equal(Sample.Wh(atOff, ObisCode.ActiveImport), Sample.Wh(later, ObisCode.ActiveImport));
        Assert.True(later.IsOn);
        Assert.True(Sample.Wh(meter.ApplianceSnapshotAt("freezer", on + Duration.FromHours(2)), ObisCode.ActiveImport) > Sample.Wh(later, ObisCode.ActiveImport));
    }

    [Fact]
    public void Switching_a_plug_off_lowers_the_main_meter_by_what_the_plug_would_have_used()
    {
        var untouched = Sample.Meter(HouseholdArchetype.ElectricHeating, 6);
        var switched = Sample.Meter(HouseholdArchetype.ElectricHeating, 6);
        var off = Day + Duration.FromHours(6) + Duration.FromSeconds(17);
        var end = off + Duration.FromHours(4);
        switched.SetApplianceState("heat-pump", false, off);

        var saved = Sample.Wh(untouched.SnapshotAt(end), ObisCode.ActiveImport) - Sample.Wh(switched.SnapshotAt(end), ObisCode.ActiveImport);
        var pumpUse = Sample.Wh(untouched.ApplianceSnapshotAt("heat-pump", end), ObisCode.ActiveImport) - Sample.Wh(untouched.ApplianceSnapshotAt("heat-pump", off), ObisCode.ActiveImport);

        Assert.True(pumpUse > 500, "a March morning needs heating");
        Assert.InRange(saved, pumpUse - 2, pumpUse + 2);
        var minuteLater = off + Duration.FromMinutes(1);
        var pumpKw = untouched.ApplianceSnapshotAt("heat-pump", minuteLater).PowerKw;
        Assert.Equal(
            untouched.LiveAt(minuteLater).Values[ObisCode.ActivePowerImport] - pumpKw,
            switched.LiveAt(minuteLater).Values[ObisCode.ActivePowerImport]);
    }

    [Fact]
    public void A_pv_inverter_sub_meter_counts_what_it_produced()
    {
        var meter = Sample.Meter(HouseholdArchetype.SolarHome, 12);
        var pv = meter.ApplianceSnapshotAt("pv", Day + Duration.FromDays(1));
        var produced = Sample.Wh(pv, ObisCode.ActiveExport) - Sample.Wh(meter.ApplianceSnapshotAt("pv", Day), ObisCode.ActiveExport);

        Assert.Equal(0m, pv.Registers.Values[ObisCode.ActiveImport]);
        Assert.InRange(produced, 1_000, 40_000);
        Assert.Equal(0m, meter.ApplianceSnapshotAt("pv", Day + Duration.FromHours(2)).PowerKw);
    }
}
