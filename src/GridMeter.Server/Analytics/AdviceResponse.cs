using GridMeter.Domain.Analytics;

namespace GridMeter.Server.Analytics;

/// <summary>The average power to hold for the rest of the hour to land on the notified schedule.</summary>
public sealed record AdviceResponse(
    string MeterId, DateTimeOffset HourStart, DateTimeOffset HourEnd, decimal ScheduledKwh, decimal SoFarKwh, decimal RemainingKwh, decimal? HoldKw, DateTimeOffset? LiveAt)
{
    public static AdviceResponse From(string meterId, Advice advice, DateTimeOffset? liveAt) => new(
        meterId, advice.HourStart.ToDateTimeOffset(), advice.HourEnd.ToDateTimeOffset(), advice.ScheduledKwh, advice.SoFarKwh, advice.RemainingKwh, advice.HoldKw, liveAt);
}
