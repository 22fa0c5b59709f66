using Dapper;
using GridMeter.Domain.Alerts;
using GridMeter.Domain.Analytics;
using GridMeter.Server.Alerts;
using GridMeter.Server.Appliances;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Analytics;

/// <summary>
/// Checks every meter and appliance for faults on the local days completed since each was last
/// checked, against its own same-hour-of-week history, stores what it finds and alerts on appliances
/// with new faults.
/// </summary>
public sealed class FaultScan(
    IDatabase database, MeterDirectory meters, ApplianceRegistry appliances, AnalyticsData data, Alerting alerting, TimeProvider clock, IOptions<AnalyticsOptions> options)
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
            stored += (await CheckAsync(meter, MeteredSeries.Of(meter), cancellationToken)).Stored;
            foreach (var appliance in await appliances.ListAsync(meter.Key, cancellationToken))
            {
                var (found, days) = await CheckAsync(meter, new MeteredSeries(MeteredSeries.ApplianceKey(appliance.Key), meter.TimeZone, meter.ReadingPeriod), cancellationToken);
                if (days > 0)
                {
                    await AlertAsync(meter, appliance, found, cancellationToken);
                }
                stored += found;
            }
        }
        return stored;
    }

    /// <summary>An appliance with new faults alerts its people, once until a day checks without any.</summary>
    private async Task AlertAsync(Meter meter, Appliance appliance, int found, CancellationToken cancellationToken)
    {
        var condition = AlertCondition.ApplianceFault(meter.Id, appliance.Id,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{found} period(s) far from its usual use, stuck or stopped; see GET /api/v1/meters/{meter.Id}/faults"));
        if (found > 0)
        {
            await alerting.RaiseAsync(condition, cancellationToken);
        }
        else
        {
            await alerting.ClearAsync(condition.Key, cancellationToken);
        }
    }

    /// <summary>The faults stored, and the days checked (none when no day has completed since the last check).</summary>
    private async Task<(int Stored, int Days)> CheckAsync(Meter meter, MeteredSeries series, CancellationToken cancellationToken)
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
        var days = 0;
        for (var day = first; day <= yesterday; day = day.PlusDays(1))
        {
            days++;
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
        return (stored, days);
    }
}
