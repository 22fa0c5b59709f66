namespace GridMeter.Domain.Firmware;

/// <summary>What is known about one meter's update: its state so far and what it reported since.</summary>
public sealed record FirmwareReport(string State, string? CommandStatus, string? Stage, bool RolledBack, bool ReportsTarget, FirmwareFailure? FailedEvent);
