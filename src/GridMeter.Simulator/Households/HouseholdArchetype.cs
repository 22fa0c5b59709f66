namespace GridMeter.Simulator.Households;

/// <summary>
/// The kinds of household a fleet is made of. Each has a daily shape of its own, so clustering in
/// analytics can be checked against the archetype a meter was built from.
/// </summary>
public enum HouseholdArchetype
{
    /// <summary>Out during working hours: a morning peak, little by day, an evening peak.</summary>
    WorkingCouple,

    /// <summary>Higher base load, children home in the afternoon, a cooking peak around 18:30–20:00.</summary>
    FamilyWithChildren,

    /// <summary>Home all day: cooking at lunch, television in the afternoon, an early evening.</summary>
    Retired,

    /// <summary>A computer on through working hours, lunch cooked at home.</summary>
    HomeOffice,

    /// <summary>Rooftop solar: the net power goes negative around midday and the export register grows.</summary>
    SolarHome,

    /// <summary>An electric car charged at night.</summary>
    ElectricVehicleHome,

    /// <summary>A heat pump for space heating and hot water: heavy in winter, light in summer.</summary>
    ElectricHeating,
}
