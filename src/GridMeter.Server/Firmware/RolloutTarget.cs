namespace GridMeter.Server.Firmware;

/// <summary>Which meters a rollout is for; the conditions given all apply.</summary>
public sealed record RolloutTarget(string? Model, string? NetworkOperatorId, string[]? MeterIds);
