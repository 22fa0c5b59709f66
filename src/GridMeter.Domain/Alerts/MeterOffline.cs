using NodaTime;

namespace GridMeter.Domain.Alerts;

/// <summary>A meter is offline when it said so (its will) or has been silent longer than the allowed time.</summary>
public static class MeterOffline
{
    public static bool IsOffline(bool? online, Instant? lastSeen, Instant now, Duration silence) =>
        online == false || (lastSeen is { } seen && now - seen > silence);
}
