using GridMeter.Domain.Readings;
using NodaTime;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// Instantaneous values of a meter at one instant (CONTRACT section 2, topic live): powers in kW,
/// voltages in V, currents in A, frequency in Hz, power factor unitless, keyed by OBIS code.
/// </summary>
public sealed record LiveValues(Instant Timestamp, IReadOnlyDictionary<ObisCode, decimal> Values);
