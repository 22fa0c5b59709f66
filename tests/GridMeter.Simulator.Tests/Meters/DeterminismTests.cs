using GridMeter.Domain.Readings;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using NodaTime;

namespace GridMeter.Simulator.Tests.Meters;

public sealed class DeterminismTests
{
    private static readonly Instant From = Sample.StartOf(Sample.FirstOfMarch.PlusDays(3));

    [Theory]
    [InlineData(HouseholdArchetype.FamilyWithChildren)]
    [InlineData(HouseholdArchetype.SolarHome)]
    [InlineData(HouseholdArchetype.ElectricVehicleHome)]
    public void Same_seed_gives_the_same_snapshots_one_by_one_as_a_series_and_in_reverse_order(HouseholdArchetype archetype)
    {
        var step = Duration.FromMinutes(15);
        var series = Sample.Meter(archetype, 42, tariff: TariffWindow.DayNight).SnapshotsBetween(From, From + Duration.FromDays(2), step);

        var oneByOne = Sample.Meter(archetype, 42, tariff: TariffWindow.DayNight);
        var reversed = Sample.Meter(archetype, 42, tariff: TariffWindow.DayNight);
        var backwards = series.Reverse().Select(s => reversed.SnapshotAt(s.Timestamp)).Reverse().ToList();
        var forwards = series.Select(s => oneByOne.SnapshotAt(s.Timestamp)).ToList();

        Assert.Equal(Flatten(series), Flatten(forwards));
        Assert.Equal(Flatten(series), Flatten(backwards));
    }

    [Fact]
    public void A_fine_series_agrees_with_a_coarse_one_at_their_common_instants()
    {
        var fine = Sample.Meter(HouseholdArchetype.Retired, 9).SnapshotsBetween(From, From + Duration.FromDays(1), Duration.FromSeconds(37));
        var coarse = Sample.Meter(HouseholdArchetype.Retired, 9).SnapshotsBetween(From, From + Duration.FromDays(1), Duration.FromSeconds(37 * 60));

        Assert.Equal(Flatten(coarse), Flatten(fine.Where((_, i) => i % 60 == 0)));
    }

    [Fact]
    public void Live_values_do_not_depend_on_what_was_asked_before()
    {
        var at = From + Duration.FromHours(19) + Duration.FromSeconds(12);
        var fresh = Sample.Meter(HouseholdArchetype.FamilyWithChildren, 5, phases: 3).LiveAt(at);
        var busy = Sample.Meter(HouseholdArchetype.FamilyWithChildren, 5, phases: 3);
        busy.SnapshotsBetween(From, From + Duration.FromDays(3), Duration.FromHours(1));
        busy.LiveAt(at - Duration.FromDays(1));

        Assert.Equal(fresh.Values.OrderBy(v => v.Key.ToString()), busy.LiveAt(at).Values.OrderBy(v => v.Key.ToString()));
    }

    [Fact]
    public void Different_seeds_give_different_households_and_readings()
    {
        var day = From + Duration.FromDays(1);
        var readings = Enumerable.Range(0, 5)
            .Select(seed => Sample.Meter(HouseholdArchetype.WorkingCouple, seed).SnapshotAt(day).Values[ObisCode.ActiveImport])
            .ToList();

        Assert.Equal(readings.Count, readings.Distinct().Count());
    }

    private static List<string> Flatten(IEnumerable<RegisterSnapshot> snapshots) =>
        [.. snapshots.SelectMany(s => s.Values.Select(v => $"{s.Timestamp} {v.Key}={v.Value}"))];
}
