namespace GridMeter.Server.Firmware;

/// <summary>A meter of a target group: its model and the firmware version it last reported.</summary>
public sealed record RolloutCandidate(long Key, string Id, string? Model, string? Firmware);
