using NodaTime;

namespace GridMeter.Domain.Readings;

/// <summary>What a readings message may hold (CONTRACT section 2).</summary>
public sealed record ReadingLimits(Duration MaxAge, Duration MaxAhead, int MaxSnapshots, int MaxRegistersPerSnapshot)
{
    public const int MaxPayloadBytes = 256 * 1024;

    /// <summary>Largest register value accepted: a 9-digit display plus three decimals.</summary>
    public const decimal MaxRegisterValue = 999_999_999.999m;

    public static ReadingLimits Default { get; } = new(Duration.FromDays(90), Duration.FromMinutes(5), 1000, 64);
}
