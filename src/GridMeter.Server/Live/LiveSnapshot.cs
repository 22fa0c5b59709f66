using GridMeter.Domain.Readings;
using NodaTime;

namespace GridMeter.Server.Live;

/// <summary>Instantaneous values of one meter at one instant (the live topic).</summary>
public sealed record LiveSnapshot(Instant Timestamp, IReadOnlyDictionary<ObisCode, decimal> Values);
