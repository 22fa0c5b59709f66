namespace GridMeter.Server.Firmware;

/// <summary>One meter in a rollout: its wave (1-based), update state, command and what went wrong.</summary>
public sealed record RolloutMeterResponse(string MeterId, int Wave, string State, string? CommandId, string? Detail);
