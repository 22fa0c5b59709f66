using NodaTime;

namespace GridMeter.Domain.Consumption;

/// <summary>A half-open span [Start, End) of local calendar time, with its instants.</summary>
public readonly record struct Bucket(ZonedDateTime Start, ZonedDateTime End)
{
    public Interval Interval => new(Start.ToInstant(), End.ToInstant());
}
