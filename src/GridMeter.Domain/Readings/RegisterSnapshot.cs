using NodaTime;

namespace GridMeter.Domain.Readings;

/// <summary>All the registers of one meter read at the same instant (one element of a readings message).</summary>
public sealed record RegisterSnapshot(Instant Timestamp, IReadOnlyDictionary<ObisCode, decimal> Values)
{
    public IEnumerable<Reading> Readings => Values.Select(v => new Reading(Timestamp, v.Key, v.Value));
}
