namespace GridMeter.Gateway.Local;

/// <summary>
/// Seed 004's imbalance advice: the average power to hold for the rest of the hour so that the hour's
/// net energy meets the notified schedule. Pure: the energy so far and the time come in as arguments.
/// </summary>
public static class ImbalanceAdvice
{
    public static AdviceView Decide(HourlySchedule? schedule, DateTimeOffset now, decimal? netKwhAtHourStart, decimal? netKwhNow)
    {
        var hourStart = new DateTimeOffset(now.UtcDateTime.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);
        var scheduled = schedule?.Hours.FirstOrDefault(h => h.Start.UtcDateTime == hourStart.UtcDateTime);
        var consumed = netKwhAtHourStart is { } start && netKwhNow is { } current ? current - start : (decimal?)null;
        var remainingHours = (decimal)(hourStart.AddHours(1) - now).TotalHours;
        decimal? advice = null;
        if (scheduled is not null && consumed is { } used && remainingHours > 0)
        {
            // With under a minute left, no power can make up the difference sensibly; say so by omitting advice.
            advice = remainingHours >= 1m / 60 ? Math.Round((scheduled.EnergyKwh - used) / remainingHours, 3) : null;
        }
        return new AdviceView(hourStart, scheduled?.EnergyKwh, consumed is { } c ? Math.Round(c, 3) : null, Math.Round(remainingHours * 60, 1), advice);
    }
}
