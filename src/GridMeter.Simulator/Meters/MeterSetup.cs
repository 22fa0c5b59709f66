using GridMeter.Simulator.Households;
using NodaTime;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// How a virtual meter is installed: its id, the household behind it (which also gives the time zone
/// and the phases), when it was installed and what its registers showed then, and whether it has
/// day/night tariff registers. Installation counts from the first whole minute at or after
/// <paramref name="InstalledAt"/>.
/// </summary>
public sealed record MeterSetup(string Id, Household Household, Instant InstalledAt)
{
    public InitialRegisters Initial { get; init; } = InitialRegisters.Zero;

    /// <summary>Day/night tariff registers 1-0:1.8.1 and 1-0:1.8.2; none when null.</summary>
    public TariffWindow? Tariff { get; init; }
}
