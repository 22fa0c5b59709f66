using GridMeter.Simulator.Households.Appliances;
using GridMeter.Simulator.Randomness;
using NodaTime;

namespace GridMeter.Simulator.Households;

/// <summary>
/// A household behind one meter: its archetype, habits, appliances and any injected faults, all
/// drawn from its seed. Immutable; the same archetype, seed and premises give the same household.
/// </summary>
public sealed class Household
{
    private readonly ApplianceModel[] _models;
    private readonly ApplianceFault[][] _faults;

    private Household(
        HouseholdArchetype archetype, long seed, Premises premises, Habits habits, ApplianceModel[] models, IReadOnlyList<ApplianceFault> faults)
    {
        Archetype = archetype;
        Seed = seed;
        Premises = premises;
        Habits = habits;
        _models = models;
        Appliances = [.. models.Select(m => m.Appliance)];
        Faults = faults;
        _faults = [.. Appliances.Select(a => faults.Where(f => f.ApplianceId == a.Id).OrderBy(f => f.Start).ToArray())];
    }

    public HouseholdArchetype Archetype { get; }

    public long Seed { get; }

    public Premises Premises { get; }

    public IReadOnlyList<Appliance> Appliances { get; }

    public IReadOnlyList<ApplianceFault> Faults { get; }

    /// <summary>True when the household generates (PV): its meter can export.</summary>
    public bool HasGeneration => Appliances.Any(a => a.IsGeneration);

    internal Habits Habits { get; }

    internal ulong SeedBits => (ulong)Seed;

    public static Household Create(HouseholdArchetype archetype, long seed, Premises premises)
    {
        ArgumentNullException.ThrowIfNull(premises);
        var random = new SplitMix(Noise.Mix((ulong)seed, (ulong)archetype));
        var lifestyle = archetype switch
        {
            HouseholdArchetype.WorkingCouple => Lifestyle.Couple,
            HouseholdArchetype.FamilyWithChildren => Lifestyle.Family,
            HouseholdArchetype.Retired => Lifestyle.Retired,
            HouseholdArchetype.HomeOffice => Lifestyle.HomeOffice,
            HouseholdArchetype.ElectricHeating => random.Chance(0.3) ? Lifestyle.Retired : random.Chance(0.5) ? Lifestyle.Family : Lifestyle.Couple,
            _ => random.Chance(0.5) ? Lifestyle.Family : Lifestyle.Couple,
        };
        var habits = Habits.Draw(lifestyle, ref random);
        var appliances = ApplianceSet.Draw(archetype, lifestyle, premises, ref random);
        var models = new ApplianceModel[appliances.Count];
        for (var i = 0; i < models.Length; i++)
        {
            models[i] = ApplianceSet.Model(appliances[i], lifestyle, Noise.Mix((ulong)seed, Noise.OfText(appliances[i].Id)), ref random);
        }
        return new Household(archetype, seed, premises, habits, models, []);
    }

    /// <summary>The same household with these faults injected (replacing any it had).</summary>
    public Household WithFaults(params IEnumerable<ApplianceFault> faults)
    {
        var list = faults.ToList();
        foreach (var fault in list)
        {
            _ = IndexOf(fault.ApplianceId);
        }
        return new Household(Archetype, Seed, Premises, Habits, _models, list);
    }

    /// <summary>The position of an appliance in <see cref="Appliances"/>.</summary>
    /// <exception cref="ArgumentException">The household has no such appliance.</exception>
    public int IndexOf(string applianceId)
    {
        for (var i = 0; i < Appliances.Count; i++)
        {
            if (Appliances[i].Id == applianceId)
            {
                return i;
            }
        }
        throw new ArgumentException($"Household has no appliance '{applianceId}'.", nameof(applianceId));
    }

    internal ApplianceModel Model(int index) => _models[index];

    internal IReadOnlyList<ApplianceFault> FaultsOf(int index) => _faults[index];

    internal HouseholdDay Day(LocalDate date) => new(this, date);
}
