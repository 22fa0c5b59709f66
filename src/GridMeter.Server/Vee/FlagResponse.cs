namespace GridMeter.Server.Vee;

/// <summary>A span that failed validation: its intervals are suspect.</summary>
public sealed record FlagResponse(string Obis, DateTimeOffset Start, DateTimeOffset End, string Rule, string Detail);
