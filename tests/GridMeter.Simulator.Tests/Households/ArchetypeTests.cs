using GridMeter.Simulator.Households;
using NodaTime;

namespace GridMeter.Simulator.Tests.Households;

public sealed class ArchetypeTests
{
    private const int PerArchetype = 8;

    [Fact]
    public void Daily_profiles_are_more_alike_within_an_archetype_than_across_archetypes()
    {
        var archetypes = Enum.GetValues<HouseholdArchetype>();
        var profiles = archetypes.ToDictionary(a => a, a => Enumerable.Range(0, PerArchetype).Select(s => Profile(a, 100 + s)).ToList());
        var problems = new List<string>();
        foreach (var a in archetypes)
        {
            var within = MeanCorrelation(profiles[a], profiles[a], same: true);
            var across = archetypes.Where(b => b != a).ToDictionary(b => b, b => MeanCorrelation(profiles[a], profiles[b], same: false));
            var closest = across.MaxBy(c => c.Value);
            if (within - closest.Value < 0.05 || within - across.Values.Average() < 0.3)
            {
                problems.Add($"{a}: within {within:F2}, closest {closest.Key} {closest.Value:F2}, all others {across.Values.Average():F2}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public void Each_household_is_closest_to_the_mean_profile_of_its_own_archetype()
    {
        var archetypes = Enum.GetValues<HouseholdArchetype>();
        var profiles = archetypes.SelectMany(a => Enumerable.Range(0, PerArchetype).Select(s => (Archetype: a, Profile: Profile(a, 200 + s)))).ToList();
        var misplaced = new List<string>();
        foreach (var (archetype, profile) in profiles)
        {
            // Leave the household out of its own archetype's mean, as a clustering of unseen meters would.
            var nearest = archetypes.MaxBy(a => Correlation(profile, Mean(profiles.Where(p => p.Archetype == a && p.Profile != profile).Select(p => p.Profile))));
            if (nearest != archetype)
            {
                misplaced.Add($"{archetype} looks like {nearest}");
            }
        }
        Assert.True(misplaced.Count <= profiles.Count / 20, string.Join("; ", misplaced));
    }

    [Theory]
    [InlineData(HouseholdArchetype.WorkingCouple)]
    [InlineData(HouseholdArchetype.FamilyWithChildren)]
    [InlineData(HouseholdArchetype.Retired)]
    [InlineData(HouseholdArchetype.HomeOffice)]
    [InlineData(HouseholdArchetype.SolarHome)]
    [InlineData(HouseholdArchetype.ElectricVehicleHome)]
    [InlineData(HouseholdArchetype.ElectricHeating)]
    public void A_year_of_consumption_is_realistic(HouseholdArchetype archetype)
    {
        for (var seed = 0; seed < 3; seed++)
        {
            var year = new LocalDate(2026, 1, 1);
            var meter = Sample.Meter(archetype, seed, year);
            var end = Sample.StartOf(year.PlusYears(1));
            var days = meter.SnapshotsBetween(Sample.StartOf(year), end + Duration.FromHours(1), Duration.FromDays(1));
            var consumedWh = Sample.NetSteps(days).Sum();
            if (meter.Household.HasGeneration)
            {
                consumedWh += Sample.Wh(meter.ApplianceSnapshotAt("pv", end), Domain.Readings.ObisCode.ActiveExport);
            }
            Assert.InRange(consumedWh / 1000, 1_500, 8_000);
            Assert.InRange(consumedWh / 1000.0 / 365, 4.0, 25.0);
            Assert.All(Sample.NetSteps(days), wh => Assert.InRange(wh / 1000.0, -60, 60));
        }
    }

    /// <summary>Mean hourly net energy over four weeks of March, as a 24-point shape.</summary>
    private static double[] Profile(HouseholdArchetype archetype, long seed)
    {
        var meter = Sample.Meter(archetype, seed);
        var series = meter.SnapshotsBetween(Sample.StartOf(Sample.FirstOfMarch), Sample.StartOf(Sample.FirstOfMarch.PlusDays(28)), Duration.FromHours(1));
        var steps = Sample.NetSteps(series);
        var profile = new double[24];
        for (var i = 0; i < steps.Length; i++)
        {
            profile[series[i].Timestamp.InZone(Sample.Rome).Hour] += steps[i];
        }
        return profile;
    }

    private static double[] Mean(IEnumerable<double[]> profiles)
    {
        var list = profiles.ToList();
        return [.. Enumerable.Range(0, 24).Select(h => list.Average(p => p[h]))];
    }

    private static double MeanCorrelation(List<double[]> first, List<double[]> second, bool same)
    {
        var values = new List<double>();
        for (var i = 0; i < first.Count; i++)
        {
            for (var j = same ? i + 1 : 0; j < second.Count; j++)
            {
                values.Add(Correlation(first[i], second[j]));
            }
        }
        return values.Average();
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
