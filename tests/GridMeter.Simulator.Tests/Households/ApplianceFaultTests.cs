using GridMeter.Domain.Readings;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using NodaTime;

namespace GridMeter.Simulator.Tests.Households;

public sealed class ApplianceFaultTests
{
    private static readonly Instant Day = Sample.StartOf(Sample.FirstOfMarch.PlusDays(2));
    private static readonly Instant FaultStart = Day + Duration.FromHours(10) + Duration.FromSeconds(20);

    [Fact]
    public void A_healthy_fridge_cycles_about_a_third_of_the_time()
    {
        var powers = FridgeMinutes(Sample.Meter(HouseholdArchetype.WorkingCouple, 3), Day, Day + Duration.FromDays(1));
        var on = powers.Count(p => p > 0);

        Assert.InRange(on / (double)powers.Count, 0.2, 0.45);
        Assert.InRange(Transitions(powers), 35, 60); // about one cycle an hour, each switching on and off
        Assert.All(powers.Where(p => p > 0), p => Assert.InRange(p, 80, 130));
    }

    [Fact]
    public void A_fridge_stuck_on_never_cycles_off_after_the_fault_starts()
    {
        var household = Sample.Household(HouseholdArchetype.WorkingCouple, 3).WithFaults(new ApplianceFault("fridge", FaultKind.StuckOn, FaultStart));
        var meter = Sample.Meter(household);
        var healthy = Sample.Meter(HouseholdArchetype.WorkingCouple, 3);

        var before = FridgeMinutes(meter, Day, FaultStart);
        var after = FridgeMinutes(meter, FaultStart + Duration.FromMinutes(1), FaultStart + Duration.FromDays(1));

        Assert.Equal(FridgeMinutes(healthy, Day, FaultStart), before);
        Assert.All(after, p => Assert.True(p > 0));
        Assert.Equal(0, Transitions(after));
        Assert.True(Daily(meter, FaultStart) > Daily(healthy, FaultStart) + 1_000, "a stuck compressor costs over a kWh a day");
    }

    [Fact]
    public void A_stopped_appliance_draws_nothing_and_its_register_stands_still()
    {
        var household = Sample.Household(HouseholdArchetype.FamilyWithChildren, 5).WithFaults(new ApplianceFault("freezer", FaultKind.Stopped, FaultStart));
        var meter = Sample.Meter(household);
        var start = FaultStart + Duration.FromMinutes(1);

        Assert.All(Minutes(meter, "freezer", start, start + Duration.FromHours(12)), p => Assert.Equal(0, p));
        Assert.Equal(
            meter.ApplianceSnapshotAt("freezer", start).Registers.Values,
            meter.ApplianceSnapshotAt("freezer", start + Duration.FromDays(2)).Registers.Values);
        Assert.True(meter.ApplianceSnapshotAt("freezer", start).IsOn, "the relay is still closed: the appliance itself failed");
    }

    [Fact]
    public void An_overpowered_appliance_draws_its_factor_times_its_usual_power()
    {
        var household = Sample.Household(HouseholdArchetype.ElectricHeating, 2);
        var faulty = Sample.Meter(household.WithFaults(new ApplianceFault("heat-pump", FaultKind.Overpower, FaultStart, 2.5)));
        var healthy = Sample.Meter(household);
        var to = FaultStart + Duration.FromDays(1);

        var usual = Minutes(healthy, "heat-pump", FaultStart + Duration.FromMinutes(1), to);
        var now = Minutes(faulty, "heat-pump", FaultStart + Duration.FromMinutes(1), to);

        Assert.Equal(usual.Select(p => (int)Math.Round(p * 2.5)), now);
        Assert.True(usual.Sum() > 0);
    }

    [Fact]
    public void A_fault_on_an_unknown_appliance_is_refused()
    {
        var household = Sample.Household(HouseholdArchetype.Retired, 1);

        Assert.Throws<ArgumentException>(() => household.WithFaults(new ApplianceFault("sauna", FaultKind.StuckOn, FaultStart)));
    }

    private static List<int> FridgeMinutes(VirtualMeter meter, Instant from, Instant to) => Minutes(meter, "fridge", from, to);

    private static List<int> Minutes(VirtualMeter meter, string appliance, Instant from, Instant to)
    {
        var powers = new List<int>();
        for (var at = from; at < to; at += Duration.FromMinutes(1))
        {
            powers.Add((int)(meter.ApplianceSnapshotAt(appliance, at).PowerKw * 1000));
        }
        return powers;
    }

    private static int Transitions(List<int> powers) => powers.Zip(powers.Skip(1)).Count(p => (p.First > 0) != (p.Second > 0));

    private static long Daily(VirtualMeter meter, Instant from) =>
        Sample.Wh(meter.SnapshotAt(from + Duration.FromDays(1)), ObisCode.ActiveImport) - Sample.Wh(meter.SnapshotAt(from), ObisCode.ActiveImport);
}
