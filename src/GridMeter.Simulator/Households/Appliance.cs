namespace GridMeter.Simulator.Households;

/// <summary>
/// One appliance of a household, which may be exposed as a sub-meter or smart plug under
/// <paramref name="Id"/> (a valid meter id, e.g. "fridge").
/// </summary>
/// <param name="RatedWatts">Power when running flat out (for a PV inverter: peak generation).</param>
/// <param name="Phase">1, 2 or 3; 0 for a load spread evenly over three phases.</param>
public sealed record Appliance(string Id, ApplianceKind Kind, int RatedWatts, int Phase)
{
    public bool IsGeneration => Kind == ApplianceKind.PvInverter;
}
