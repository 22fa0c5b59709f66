using NodaTime;

namespace GridMeter.Domain.Consumption;

/// <summary>
/// A register value at an instant in thousandths of its unit: Wh for a kWh register (varh for
/// kvarh). Integers keep every sum exact.
/// </summary>
public readonly record struct RegisterPoint(Instant Timestamp, long Wh);
