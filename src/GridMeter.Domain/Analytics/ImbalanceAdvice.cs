using NodaTime;

namespace GridMeter.Domain.Analytics;

/// <summary>
/// A balance-responsible party notifies, for each hour, the energy it will take; any difference is
/// settled at the imbalance price. Given the schedule and the energy so far in the hour, the
/// average power to hold for the rest of it lands exactly on the schedule.
/// </summary>
public static class ImbalanceAdvice
{
    public static Advice For(decimal scheduledKwh, decimal soFarKwh, Instant now)
    {
        var hourStart = Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 3600 * 3600);
        var remaining = hourStart + Duration.FromHours(1) - now;
        var remainingKwh = scheduledKwh - soFarKwh;
        // In the last second there is no power that could still make up the difference.
        decimal? holdKw = remaining < Duration.FromSeconds(1) ? null : Math.Round(remainingKwh / (decimal)remaining.TotalHours, 3, MidpointRounding.ToEven);
        return new Advice(hourStart, hourStart + Duration.FromHours(1), scheduledKwh, soFarKwh, remainingKwh, holdKw);
    }
}
