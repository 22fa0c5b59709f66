using NodaTime;

namespace GridMeter.Domain.Vee;

/// <summary>
/// The thresholds of validation. The defaults suit household meters; a supplier may set its own.
/// </summary>
/// <param name="FlatLineHours">A register unchanged this long is suspect; 0 turns the rule off.</param>
/// <param name="SpikeMadFactor">A quarter-hour above median + this × MAD of its weekday and time is suspect; 0 turns the rule off.</param>
/// <param name="SpikeFloorWh">…and only if it exceeds the median by at least this many Wh, so quiet meters are not flagged for a kettle.</param>
/// <param name="ProfileMinSamples">Samples a weekday-and-time slot needs before it is trusted.</param>
/// <param name="ClockDriftSeconds">How far a reading may lie from the meter's reading grid; 0 turns the rule off.</param>
/// <param name="MaxAheadSeconds">How far ahead of the server clock a reading may be stamped.</param>
public sealed record VeeSettings(
    int FlatLineHours,
    decimal SpikeMadFactor,
    long SpikeFloorWh,
    int ProfileMinSamples,
    int ClockDriftSeconds,
    int MaxAheadSeconds)
{
    public static VeeSettings Default { get; } = new(FlatLineHours: 48, SpikeMadFactor: 10m, SpikeFloorWh: 1_000, ProfileMinSamples: 3, ClockDriftSeconds: 120, MaxAheadSeconds: 300);

    public Duration FlatLine => Duration.FromHours(FlatLineHours);
}
