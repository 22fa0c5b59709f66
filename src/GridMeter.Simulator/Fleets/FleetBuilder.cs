using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using GridMeter.Simulator.Randomness;
using NodaTime;

namespace GridMeter.Simulator.Fleets;

/// <summary>
/// Builds a fleet of virtual meters "MTR-00001" … over households of a realistic mix of archetypes,
/// spread over the given time zones. The same settings give the same fleet; the archetype of each
/// meter is exposed (<see cref="VirtualMeter.Archetype"/>) as ground truth for analytics tests.
/// </summary>
public sealed class FleetBuilder(long seed, int count, Instant installedAt)
{
    /// <summary>Shares of each archetype, roughly as in a European suburb.</summary>
    public static IReadOnlyDictionary<HouseholdArchetype, double> TypicalMix { get; } = new Dictionary<HouseholdArchetype, double>
    {
        [HouseholdArchetype.WorkingCouple] = 0.22,
        [HouseholdArchetype.FamilyWithChildren] = 0.22,
        [HouseholdArchetype.Retired] = 0.16,
        [HouseholdArchetype.HomeOffice] = 0.12,
        [HouseholdArchetype.SolarHome] = 0.12,
        [HouseholdArchetype.ElectricVehicleHome] = 0.08,
        [HouseholdArchetype.ElectricHeating] = 0.08,
    };

    public IReadOnlyList<DateTimeZone> Zones { get; init; } = [DateTimeZoneProviders.Tzdb["Europe/Rome"]];

    public IReadOnlyDictionary<HouseholdArchetype, double> Mix { get; init; } = TypicalMix;

    /// <summary>Day/night tariff registers for every meter; none when null.</summary>
    public TariffWindow? Tariff { get; init; } = TariffWindow.DayNight;

    /// <summary>Share of three-phase connections; vehicle and heating homes are three-phase twice as often.</summary>
    public double ThreePhaseShare { get; init; } = 0.2;

    public IReadOnlyList<VirtualMeter> Build()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Zones.Count == 0)
        {
            throw new InvalidOperationException("A fleet needs at least one time zone.");
        }
        var archetypes = Archetypes();
        var meters = new VirtualMeter[count];
        for (var i = 0; i < count; i++)
        {
            var random = new SplitMix(Noise.Mix((ulong)seed, (ulong)i));
            var archetype = archetypes[i];
            var special = archetype is HouseholdArchetype.ElectricVehicleHome or HouseholdArchetype.ElectricHeating;
            var phases = random.Chance(special ? 2 * ThreePhaseShare : ThreePhaseShare) ? 3 : 1;
            var premises = Premises.In(Zones[i % Zones.Count], phases);
            var household = Household.Create(archetype, (long)random.NextUInt64(), premises);
            var initialWh = random.Between(0, 20_000_000);
            var dayKwh = initialWh * 6 / 10 / 1000m;
            var nightKwh = (initialWh - (initialWh * 6 / 10)) / 1000m;
            meters[i] = new VirtualMeter(new MeterSetup($"MTR-{i + 1:D5}", household, installedAt)
            {
                Initial = new InitialRegisters(dayKwh, nightKwh, 0m),
                Tariff = Tariff,
            });
        }
        return meters;
    }

    /// <summary>
    /// Exactly the mix's share of each archetype (largest remainders), shuffled by the seed, so a
    /// fleet of 20 already has every archetype and tests can count on the proportions.
    /// </summary>
    private HouseholdArchetype[] Archetypes()
    {
        var total = Mix.Values.Sum();
        var quotas = Mix.Select(m => (Archetype: m.Key, Exact: m.Value / total * count)).OrderBy(q => q.Archetype).ToList();
        var counts = quotas.ToDictionary(q => q.Archetype, q => (int)Math.Floor(q.Exact));
        foreach (var quota in quotas.OrderByDescending(q => q.Exact - Math.Floor(q.Exact)).ThenBy(q => q.Archetype).Take(count - counts.Values.Sum()))
        {
            counts[quota.Archetype]++;
        }
        var list = counts.OrderBy(c => c.Key).SelectMany(c => Enumerable.Repeat(c.Key, c.Value)).ToArray();
        var random = new SplitMix(Noise.Mix((ulong)seed, 0xF1EE7));
        for (var i = list.Length - 1; i > 0; i--)
        {
            var j = random.Between(0, i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
