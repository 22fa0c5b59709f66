namespace GridMeter.Domain.Firmware;

/// <summary>A firmware_failed event: the stage that failed and whether the meter returned to its previous image.</summary>
public sealed record FirmwareFailure(string? Stage, bool RolledBack);
