using GridMeter.Domain.Analytics;
using GridMeter.Simulator.Households;
using NodaTime;

namespace GridMeter.Domain.Tests.Analytics;

public sealed class ClusteringTests
{
    [Fact]
    public void The_adjusted_rand_index_is_one_for_the_same_partition_under_other_names_and_near_zero_for_chance()
    {
        Assert.Equal(1.0, AdjustedRandIndex.Of([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9]), 9);
        Assert.Equal(-0.5, AdjustedRandIndex.Of([0, 0, 1, 1], [0, 1, 0, 1]), 9);
        var random = new Random(3);
        var truth = Enumerable.Range(0, 2000).Select(i => i % 4).ToArray();
        var noise = truth.Select(_ => random.Next(4)).ToArray();
        Assert.InRange(AdjustedRandIndex.Of(truth, noise), -0.02, 0.02);
    }

    [Fact]
    public void Kmeans_separates_three_well_apart_groups_and_silhouette_picks_three()
    {
        var random = new Random(1);
        double[][] centres = [[0, 0], [10, 0], [0, 10]];
        var points = Enumerable.Range(0, 90).Select(i => centres[i % 3].Select(c => c + random.NextDouble()).ToArray()).ToList();

        var clustering = KMeans.ChooseK(points, 2, 6, seed: 42);

        Assert.Equal(3, clustering.K);
        Assert.Equal(1.0, AdjustedRandIndex.Of([.. Enumerable.Range(0, 90).Select(i => i % 3)], clustering.Assignments), 9);
        Assert.Equal(clustering.Assignments, KMeans.ChooseK(points, 2, 6, seed: 42).Assignments);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(15)]
    public void Clustering_winter_workdays_of_a_simulated_fleet_recovers_its_household_archetypes(long fleetSeed)
    {
        var fleet = SimulatedFleet.Build(fleetSeed, perArchetype: 12, new LocalDate(2025, 12, 1));
        var group = new ProfileGroup(Season.Winter, DayType.Workday);
        var days = Enumerable.Range(0, 42).Select(d => new LocalDate(2026, 1, 5).PlusDays(d)).Where(d => ProfileGroup.Of(d) == group).ToList();

        var shapes = fleet.AsParallel().AsOrdered()
            .Select(m => DailyShape.Features(DailyShape.Mean(days.Select(d => DailyShape.Normalise(SimulatedFleet.QuarterHours(m, d))).OfType<double[]>())!))
            .ToList();
        var truth = fleet.Select(m => (int)m.Archetype).ToArray();
        var given = KMeans.Cluster(shapes, Enum.GetValues<HouseholdArchetype>().Length, seed: 7);
        var chosen = KMeans.ChooseK(shapes, 2, 10, seed: 7);

        var ari = AdjustedRandIndex.Of(truth, given.Assignments);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{fleet.Count} households, {days.Count} {group} days: ARI {ari:0.000} with k = 7 given; "
            + $"silhouette chose k = {chosen.K} (mean {chosen.Silhouette:0.000}), ARI {AdjustedRandIndex.Of(truth, chosen.Assignments):0.000}");
        Assert.True(ari >= 0.8, $"ARI {ari:0.000} with k given");
    }
}
