namespace GridMeter.Protocols.Dlms;

/// <summary>One entry of a profile buffer: the capture time and the values captured then.</summary>
public sealed record ProfileRow(DateTimeOffset? Timestamp, IReadOnlyList<MeterValue> Values);
