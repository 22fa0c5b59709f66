using GridMeter.Simulator.Fleets;
using GridMeter.Simulator.Households;
using NodaTime;

namespace GridMeter.Simulator.Tests.Fleets;

public sealed class FleetBuilderTests
{
    private static readonly Instant Installed = Sample.StartOf(Sample.FirstOfMarch);

    [Fact]
    public void A_fleet_has_numbered_meters_every_archetype_in_proportion_and_the_given_zones()
    {
        var zones = new[] { Sample.Rome, DateTimeZoneProviders.Tzdb["Europe/Berlin"] };
        var fleet = new FleetBuilder(seed: 7, count: 100, Installed) { Zones = zones }.Build();

        Assert.Equal(Enumerable.Range(1, 100).Select(i => $"MTR-{i:D5}"), fleet.Select(m => m.Id));
        Assert.Equal(22, fleet.Count(m => m.Archetype == HouseholdArchetype.WorkingCouple));
        Assert.Equal(8, fleet.Count(m => m.Archetype == HouseholdArchetype.ElectricHeating));
        Assert.Equal(zones, fleet.Select(m => m.Zone).Distinct());
        Assert.Contains(fleet, m => m.Phases == 3);
        Assert.All(fleet.Where(m => m.Archetype == HouseholdArchetype.SolarHome), m => Assert.True(m.Household.HasGeneration));
    }

    [Fact]
    public void Twenty_meters_already_cover_every_archetype()
    {
        var fleet = new FleetBuilder(1, 20, Installed).Build();

        Assert.Equal(Enum.GetValues<HouseholdArchetype>().Length, fleet.Select(m => m.Archetype).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_builds_the_same_fleet_and_another_seed_another()
    {
        var at = Installed + Duration.FromDays(2);
        string Describe(long seed) => string.Join(";", new FleetBuilder(seed, 30, Installed).Build()
            .Select(m => $"{m.Id} {m.Archetype} {m.Phases} {m.SnapshotAt(at).Values.First().Value}"));

        Assert.Equal(Describe(5), Describe(5));
        Assert.NotEqual(Describe(5), Describe(6));
    }
}
