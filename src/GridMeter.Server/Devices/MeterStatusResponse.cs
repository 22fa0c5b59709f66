namespace GridMeter.Server.Devices;

/// <summary>What a meter last reported about itself, and when it was last heard from.</summary>
public sealed record MeterStatusResponse(bool? Online, string? Firmware, string? Relay, int? Rssi, DateTimeOffset? ChangedAt, DateTimeOffset? LastSeen);
