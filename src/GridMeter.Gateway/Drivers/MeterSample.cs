using GridMeter.Protocols;

namespace GridMeter.Gateway.Drivers;

/// <summary>
/// What one telegram or poll yielded: the values in GridMeter units, when the gateway received them,
/// the meter's own clock where it tells it, and events the meter reported.
/// </summary>
public sealed record MeterSample(string MeterId, DateTimeOffset At, IReadOnlyList<MeterValue> Values)
{
    public DateTimeOffset? MeterClock { get; init; }

    public IReadOnlyList<MeterEventNote> Events { get; init; } = [];
}
