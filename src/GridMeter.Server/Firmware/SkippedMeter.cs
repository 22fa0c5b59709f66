namespace GridMeter.Server.Firmware;

/// <summary>A meter of the target group left out of a rollout, and why (already on the version, a downgrade, another model).</summary>
public sealed record SkippedMeter(string MeterId, string Reason);
