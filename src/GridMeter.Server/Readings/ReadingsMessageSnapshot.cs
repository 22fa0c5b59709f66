namespace GridMeter.Server.Readings;

/// <summary>One register snapshot: "ts" as RFC 3339 with offset (or Unix epoch milliseconds) and OBIS code → value in kWh.</summary>
public sealed record ReadingsMessageSnapshot(string Ts, IReadOnlyDictionary<string, decimal> Values);
