using NodaTime;

namespace GridMeter.Server.Events;

/// <summary>Something a meter reported happening: tamper, last gasp, relay switched … (CONTRACT section 2).</summary>
public sealed record MeterEvent(Instant Timestamp, string Type, string? DetailsJson)
{
    /// <summary>The event types of the contract; others are stored as they come.</summary>
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "tamper", "cover_opened", "magnetic_field", "power_down", "power_up", "voltage_sag", "voltage_swell",
        "relay_opened", "relay_closed", "clock_adjusted", "firmware_activated", "firmware_failed",
    };
}
