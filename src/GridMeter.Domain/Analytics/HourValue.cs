using NodaTime;

namespace GridMeter.Domain.Analytics;

/// <summary>The energy of one hour starting at <paramref name="Start"/>; null when the data does not cover it.</summary>
public readonly record struct HourValue(Instant Start, long? Wh);
