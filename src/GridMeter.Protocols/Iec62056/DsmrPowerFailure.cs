namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// One entry of the long power-failure event log 1-0:99.97.0 (DSMR 5.0.2 §6.12): when the failure ended
/// and how long it lasted. <see cref="End"/> is null when the meter wrote an impossible date.
/// </summary>
public readonly record struct DsmrPowerFailure(DateTimeOffset? End, TimeSpan Duration);
