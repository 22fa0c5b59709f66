namespace GridMeter.Simulator.Households;

/// <summary>
/// The daily rhythm behind an archetype. Solar, vehicle and heating homes are lived in by one of
/// these too; what sets them apart is the extra appliance.
/// </summary>
internal enum Lifestyle
{
    Couple,
    Family,
    Retired,
    HomeOffice,
}
