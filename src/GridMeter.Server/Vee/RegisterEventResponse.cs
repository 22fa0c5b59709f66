namespace GridMeter.Server.Vee;

/// <summary>A register event: found by validation (rollover) or recorded by a person (exchange, reset).</summary>
public sealed record RegisterEventResponse(string Obis, DateTimeOffset Ts, string Type, decimal OldValue, decimal NewValue, string Actor, string? Reason);
