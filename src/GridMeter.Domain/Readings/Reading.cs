using NodaTime;

namespace GridMeter.Domain.Readings;

/// <summary>
/// One register value at one instant, as a meter reported it: a cumulative energy register in kWh
/// (kvarh for reactive), exact to the Wh.
/// </summary>
public readonly record struct Reading(Instant Timestamp, ObisCode Register, decimal Value);
