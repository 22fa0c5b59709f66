using NodaTime;

namespace GridMeter.Domain.Analytics;

/// <summary>
/// Imbalance advice for the hour [<paramref name="HourStart"/>, <paramref name="HourEnd"/>):
/// <paramref name="HoldKw"/> is the average power that uses the <paramref name="RemainingKwh"/> still
/// scheduled; negative when the schedule is already overshot (export, or shed and accept the
/// difference); null in the hour's last second.
/// </summary>
public sealed record Advice(Instant HourStart, Instant HourEnd, decimal ScheduledKwh, decimal SoFarKwh, decimal RemainingKwh, decimal? HoldKw);
