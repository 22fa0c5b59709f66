using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Consumption;
using GridMeter.Server.Live;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Analytics;

/// <summary>
/// The energy a meter imported so far in the current hour: its import register from the hour's
/// start to the newest reading, plus the newest live power over the time since that reading.
/// </summary>
public sealed class EnergyThisHour(IDatabase database, RegisterCatalog registers, LiveValueStore live)
{
    /// <summary>A live value older than this says nothing about now.</summary>
    private static readonly Duration LiveFresh = Duration.FromMinutes(2);

    public async Task<(decimal Kwh, Instant? LiveAt)> SoFarAsync(Meter meter, Instant now, CancellationToken cancellationToken)
    {
        var hourStart = Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 3600 * 3600);
        var wh = 0m;
        var counted = hourStart;
        if (await registers.FindAsync(ObisCode.ActiveImport, cancellationToken) is { } key)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var points = await SeriesLoader.ReadingsAroundAsync(connection, meter.Key, key, hourStart.ToUnixTimeSeconds(), now.ToUnixTimeSeconds(), cancellationToken);
            var inHour = points.Where(p => p.Timestamp <= now).ToList();
            if (inHour.Count >= 2 && inHour[^1].Timestamp > hourStart)
            {
                var series = new RegisterSeries(inHour, meter.ReadingPeriod);
                var start = series.Covers(hourStart) ? series.ValueAt(hourStart) : inHour.First(p => p.Timestamp >= hourStart).Wh;
                wh = Math.Max(0, inHour[^1].Wh - start);
                counted = inHour[^1].Timestamp;
            }
        }
        var latest = live.Latest(meter.Key);
        if (latest is not null && now - latest.Timestamp <= LiveFresh && counted < now
            && latest.Values.TryGetValue(ObisCode.ActivePowerImport, out var kw))
        {
            // Power holds from the last reading to now: the best guess until the next reading replaces it.
            wh += kw * 1000m * (decimal)(now - counted).TotalHours;
        }
        return (Math.Round(wh / 1000m, 3), latest?.Timestamp);
    }
}
