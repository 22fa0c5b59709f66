using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Domain.Vee;

/// <summary>
/// What validation and estimation look at for one register over a span: the readings as stored
/// (plus the neighbour on each side), the exchanges and resets recorded for it, the instants that
/// were re-sent with another value, the connection and the meter's profile.
/// </summary>
public sealed record VeeInput(
    IReadOnlyList<RegisterPoint> Readings,
    IReadOnlyList<RegisterEvent> RecordedEvents,
    IReadOnlyList<Instant> ConflictTimestamps,
    ConnectionLimit Limit,
    Profile Profile,
    VeeSettings Settings,
    DateTimeZone Zone,
    Duration ReadingPeriod,
    Instant Now);
