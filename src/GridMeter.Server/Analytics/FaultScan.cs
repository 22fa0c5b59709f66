using Dapper;
using GridMeter.Domain.Analytics;
using GridMeter.Server.Appliances;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Analytics;

/// <summary>
/// Checks every meter and appliance for faults on the local days completed since each was last
/// checked, against its own same-hour-of-week history, and stores what it finds.
/// </summary>
public sealed class FaultScan(IDatabase database, MeterDirectory meters, ApplianceRegistry appliances, AnalyticsData data, TimeProvider clock, IOptions<AnalyticsOptions> options)
{
    /// <summary>At most this many past days are caught up per series and run.</summary>
    private const int MaxCatchUpDays = 7;

    /// <summary>Returns how many new faults were stored.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        List<long> keys;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            keys = [.. await connection.QueryAsync<long>(new CommandDefinition("SELECT key FROM meters ORDER BY key", cancellationToken: cancellationToken))];
        }
        var stored = 0;
        foreach (var key in keys)
        {
            if (await meters.FindByKeyAsync(key, cancellationToken) is not { } meter)
            {
                continue;
            }
            stored += await CheckAsync(meter, MeteredSeries.Of(meter), cancellationToken);
            foreach (var appliance in await appliances.ListAsync(meter.Key, cancellationToken))
            {
                stored += await CheckAsync(meter, new MeteredSeries(MeteredSeries.ApplianceKey(appliance.Key), meter.TimeZone, meter.ReadingPeriod), cancellationToken);
            }
        }
        return stored;
    }

    private async Task<int> CheckAsync(Meter meter, MeteredSeries series, CancellationToken cancellationToken)
    {
        var zone = series.Zone;
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var yesterday = now.InZone(zone).Date.PlusDays(-1);
        await using var connection = await database.OpenAsync(cancellationToken);
        var checkedUpTo = await AnalyticsStore.CheckedDayAsync(connection, series.Key, cancellationToken);
        var first = yesterday.PlusDays(1 - MaxCatchUpDays);
        if (checkedUpTo is { } done)
        {
            var next = Instant.FromUnixTimeSeconds(done).InZone(zone).Date.PlusDays(1);
            first = next > first ? next : first;
        }
        var historyDays = options.Value.FaultHistoryDays;
        var stored = 0;
        for (var day = first; day <= yesterday; day = day.PlusDays(1))
        {
            var dayStart = zone.AtStartOfDay(day).ToInstant();
            var hours = await data.HoursAsync(series, zone.AtStartOfDay(day.PlusDays(-historyDays)).ToInstant(), zone.AtStartOfDay(day.PlusDays(1)).ToInstant(), cancellationToken);
            var baseline = HourOfWeekBaseline.Learn(hours.Where(h => h.Start < dayStart), zone);
            var found = FaultDetection.Check(baseline, [.. hours.Where(h => h.Start >= dayStart)], zone, FaultSettings.Default);
            var detectedAt = now.ToUnixTimeMilliseconds();
            stored += await AnalyticsStore.AddFaultsAsync(connection, [.. found.Select(f => new StoredFault(
                series.Key, meter.Key, AnalyticsStore.Name(f.Rule), f.From.ToUnixTimeSeconds(), f.To.ToUnixTimeSeconds(), f.ObservedWh, f.ExpectedWh, f.Detail, detectedAt))], cancellationToken);
            // A day without data yet is checked again next run: readings may still arrive.
            if (hours.Any(h => h.Start >= dayStart && h.Wh is not null))
            {
                await AnalyticsStore.MarkCheckedAsync(connection, series.Key, dayStart.ToUnixTimeSeconds(), cancellationToken);
            }
        }
        return stored;
    }
}
