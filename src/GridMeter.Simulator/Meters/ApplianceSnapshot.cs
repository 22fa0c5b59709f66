using GridMeter.Domain.Readings;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// A sub-meter or smart plug read at one instant: its registers (1-0:1.8.0 import; a PV inverter
/// also 1-0:2.8.0, the energy it produced), its commanded relay state and its power then.
/// </summary>
public sealed record ApplianceSnapshot(string ApplianceId, RegisterSnapshot Registers, bool IsOn, decimal PowerKw);
