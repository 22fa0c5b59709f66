using GridMeter.Domain.Analytics;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Domain.Vee;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using GridMeter.Server.Vee;
using NodaTime;

namespace GridMeter.Server.Analytics;

/// <summary>
/// A meter's end-of-day and end-of-period projections: the import so far (validated, edited) plus
/// what its profile — the one validation learns and keeps — expects for the rest.
/// </summary>
public sealed class MeterForecast(IDatabase database, RegisterCatalog registers, VeeStore vee, SeriesLoader loader, ConsumptionQuery query)
{
    private const int ProfileWeeks = 4;

    public async Task<ForecastResponse> ForecastAsync(Meter meter, LocalDate periodStart, LocalDate periodEnd, decimal? price, Instant now, CancellationToken cancellationToken)
    {
        var zone = meter.TimeZone;
        var series = MeteredSeries.Of(meter);
        var profile = Profile.Empty;
        if (await registers.FindAsync(ObisCode.ActiveImport, cancellationToken) is { } key)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            profile = await vee.ProfileAsync(connection, meter.Key, key, cancellationToken) is { } stored ? Profile.FromBytes(stored.Profile) : Profile.Empty;
            if (profile.IsEmpty)
            {
                // Validation learns a profile from the weeks before a meter's readings, so a new meter has none yet: learn from what it has.
                var from = now - Duration.FromDays(7 * ProfileWeeks);
                profile = Profile.Learn(await loader.LoadAsync(connection, series, key, from, now, SeriesVersion.AsValidated, cancellationToken), from, now, zone);
            }
        }
        var dayStart = zone.AtStartOfDay(now.InZone(zone).Date).ToInstant();
        var start = zone.AtStartOfDay(periodStart).ToInstant();
        var end = zone.AtStartOfDay(periodEnd).ToInstant();
        var today = await SoFarAsync(series, dayStart, now, cancellationToken);
        var period = await SoFarAsync(series, start, now, cancellationToken);
        return new ForecastResponse(meter.Id,
            ProjectionResponse.From(ConsumptionForecast.EndOfDay(profile, today, now, zone), price),
            ProjectionResponse.From(ConsumptionForecast.EndOfPeriod(profile, period, now, end, zone), price));
    }

    private async Task<long> SoFarAsync(MeteredSeries series, Instant from, Instant now, CancellationToken cancellationToken)
    {
        if (now <= from)
        {
            return 0;
        }
        var days = await query.SummariesAsync(series, ObisCode.ActiveImport, from, now, BucketSize.Day, SeriesVersion.Latest, cancellationToken);
        return days.Sum(d => d.Wh ?? 0);
    }
}
