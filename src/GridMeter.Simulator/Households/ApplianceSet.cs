using GridMeter.Simulator.Households.Appliances;
using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households;

/// <summary>Which appliances a household owns and how big they are, drawn from its archetype and seed.</summary>
internal static class ApplianceSet
{
    public static List<Appliance> Draw(HouseholdArchetype archetype, Lifestyle lifestyle, Premises premises, ref SplitMix random)
    {
        var three = premises.Phases == 3;
        var size = lifestyle switch
        {
            Lifestyle.Family => random.Between(1.2, 1.6),
            Lifestyle.Retired => random.Between(0.85, 1.05),
            _ => random.Between(0.95, 1.2),
        };
        var list = new List<Appliance>
        {
            new("base", ApplianceKind.BaseLoad, (int)(random.Between(55, 90) * size), 1),
            new("fridge", ApplianceKind.Fridge, random.Between(80, 130), three ? 2 : 1),
        };
        if (random.Chance(lifestyle == Lifestyle.Family ? 0.8 : 0.4))
        {
            list.Add(new("freezer", ApplianceKind.Freezer, random.Between(90, 130), three ? 3 : 1));
        }
        list.Add(new("cooking", ApplianceKind.Cooking, (int)(random.Between(1800, 2400) * size), three ? 0 : 1));
        if (random.Chance(0.95))
        {
            list.Add(new("washing-machine", ApplianceKind.WashingMachine, random.Between(1800, 2200), three ? 2 : 1));
        }
        if (random.Chance(lifestyle == Lifestyle.Family ? 0.9 : lifestyle == Lifestyle.Retired ? 0.4 : 0.65))
        {
            list.Add(new("dishwasher", ApplianceKind.Dishwasher, random.Between(1800, 2100), three ? 3 : 1));
        }
        list.Add(new("lighting", ApplianceKind.Lighting, (int)(random.Between(90, 170) * size), 1));
        if (random.Chance(0.95))
        {
            list.Add(new("tv", ApplianceKind.Television, random.Between(70, 160), three ? 3 : 1));
        }
        var computer = lifestyle switch { Lifestyle.HomeOffice => 1.0, Lifestyle.Family => 0.6, Lifestyle.Couple => 0.4, _ => 0.2 };
        if (random.Chance(computer))
        {
            var watts = lifestyle == Lifestyle.HomeOffice ? random.Between(200, 350) : random.Between(120, 230);
            list.Add(new("computer", ApplianceKind.Computer, watts, three ? 2 : 1));
        }
        AddSpecial(archetype, three, list, ref random);
        return list;
    }

    public static ApplianceModel Model(Appliance appliance, Lifestyle lifestyle, ulong seed, ref SplitMix random) => appliance.Kind switch
    {
        ApplianceKind.BaseLoad => new BaseLoadModel(appliance, seed, random.Between(lifestyle == Lifestyle.Family ? 70 : 40, lifestyle == Lifestyle.Family ? 130 : 80)),
        ApplianceKind.Fridge or ApplianceKind.Freezer => new CoolingModel(appliance, seed),
        ApplianceKind.Cooking => new CookingModel(appliance, seed, lifestyle),
        ApplianceKind.WashingMachine or ApplianceKind.Dishwasher => new WashingModel(appliance, seed, lifestyle),
        ApplianceKind.Lighting => new LightingModel(appliance, seed),
        ApplianceKind.Television => new TelevisionModel(appliance, seed, lifestyle),
        ApplianceKind.Computer => new ComputerModel(appliance, seed, lifestyle),
        ApplianceKind.HeatPump => new HeatPumpModel(appliance, seed),
        ApplianceKind.EvCharger => new EvChargerModel(appliance, seed),
        ApplianceKind.PvInverter => new PvModel(appliance, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(appliance), appliance.Kind, "No model for this kind of appliance."),
    };

    private static void AddSpecial(HouseholdArchetype archetype, bool three, List<Appliance> list, ref SplitMix random)
    {
        switch (archetype)
        {
            case HouseholdArchetype.SolarHome:
                list.Add(new("pv", ApplianceKind.PvInverter, random.Between(30, 66) * 100, three ? 0 : 1));
                break;
            case HouseholdArchetype.ElectricVehicleHome:
                var watts = three && random.Chance(0.5) ? 11_000 : random.Chance(0.6) ? 7_400 : 3_700;
                list.Add(new("ev-charger", ApplianceKind.EvCharger, watts, watts > 7_400 ? 0 : 1));
                break;
            case HouseholdArchetype.ElectricHeating:
                list.Add(new("heat-pump", ApplianceKind.HeatPump, random.Between(2_000, 3_200), three ? 0 : 1));
                break;
        }
    }
}
