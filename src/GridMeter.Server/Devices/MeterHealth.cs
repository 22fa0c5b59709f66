namespace GridMeter.Server.Devices;

/// <summary>
/// How a meter is doing: what it last said about itself, when it was last heard from, and how it
/// answered commands over the last 30 days (expired ones count as unanswered).
/// </summary>
public sealed record MeterHealth(
    string MeterId, bool? Online, DateTimeOffset? LastSeen, string? Firmware, int? Rssi, string? Relay,
    int CommandsFinished, int CommandsSucceeded, double? CommandSuccessRate);
