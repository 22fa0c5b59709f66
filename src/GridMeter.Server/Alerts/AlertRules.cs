using Dapper;
using GridMeter.Domain.Alerts;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Consumption;
using GridMeter.Server.Devices;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Alerts;

/// <summary>
/// Checks the rules whose data GridMeter keeps: each consumer's daily threshold (or their
/// supplier's default), tamper, cover and magnetic-field events, and meters gone offline. What it
/// finds goes through <see cref="Alerting"/>, so a condition that holds alerts once.
/// </summary>
public sealed class AlertRules(
    IDatabase database, Alerting alerting, MeterDirectory meters, ConsumptionQuery consumption, DeviceStatusStore status, TimeProvider clock,
    IOptions<AlertsOptions> options)
{
    public static readonly IReadOnlySet<string> TamperEvents = new HashSet<string>(StringComparer.Ordinal) { "tamper", "cover_opened", "magnetic_field" };

    private const string EventsCursor = "meter_events";

    /// <summary>Appliances are looked at every quarter of an hour, not at every poll: it takes two range reads each.</summary>
    private static readonly Duration ApplianceCheckEvery = Duration.FromMinutes(15);

    private readonly SemaphoreSlim _running = new(1, 1);
    private Instant? _appliancesCheckedAt;

    /// <summary>Checks every rule now.</summary>
    public Task EvaluateAsync(CancellationToken cancellationToken) => EvaluateAsync(everyTime: true, cancellationToken);

    /// <summary>Checks the rules; appliances only every quarter of an hour unless <paramref name="everyTime"/>.</summary>
    public async Task EvaluateAsync(bool everyTime, CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            await CheckEventsAsync(cancellationToken);
            await CheckThresholdsAsync(cancellationToken);
            await CheckOfflineAsync(cancellationToken);
            await CheckAppliancesAsync(everyTime, cancellationToken);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task CheckEventsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var cursor = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT value FROM alert_cursors WHERE name = @EventsCursor", new { EventsCursor }, cancellationToken: cancellationToken)) ?? 0;
        var upTo = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(key) FROM meter_events", cancellationToken: cancellationToken)) ?? 0;
        if (upTo <= cursor)
        {
            return;
        }
        var events = await connection.QueryAsync<(string MeterId, string Type, long Ts)>(new CommandDefinition(
            """
            SELECT m.id, e.type, e.ts FROM meter_events e JOIN meters m ON m.key = e.meter_key
            WHERE e.key > @cursor AND e.key <= @upTo AND e.type IN ('tamper', 'cover_opened', 'magnetic_field') ORDER BY e.key
            """,
            new { cursor, upTo }, cancellationToken: cancellationToken));
        foreach (var e in events)
        {
            await alerting.RaiseAsync(AlertCondition.Tamper(e.MeterId, e.Type, Instant.FromUnixTimeMilliseconds(e.Ts)), cancellationToken);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_cursors (name, value) VALUES (@EventsCursor, @upTo)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """,
            new { EventsCursor, upTo }, cancellationToken: cancellationToken));
    }

    private async Task CheckThresholdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // A consumer's own threshold, else their supplier's default, else the configured one.
        var watched = (await connection.QueryAsync<(long UserKey, long MeterKey, long DailyWh)>(new CommandDefinition(
            """
            SELECT l.user_key, l.meter_key, COALESCE(t.daily_wh, CASE WHEN d.supplier_id IS NULL THEN @configured ELSE d.daily_wh END) AS daily_wh
            FROM (SELECT um.user_key, um.meter_key FROM user_meters um
                  UNION SELECT up.user_key, m.key FROM user_premises up JOIN meters m ON m.premises_key = up.premises_key
                  UNION SELECT user_key, meter_key FROM alert_thresholds) l
            JOIN users u ON u.key = l.user_key AND u.role = 'consumer'
            JOIN meters m ON m.key = l.meter_key
            LEFT JOIN alert_thresholds t ON t.user_key = l.user_key AND t.meter_key = l.meter_key
            LEFT JOIN alert_supplier_defaults d ON d.supplier_id = m.supplier_id
            WHERE COALESCE(t.daily_wh, CASE WHEN d.supplier_id IS NULL THEN @configured ELSE d.daily_wh END) IS NOT NULL
            """,
            new { configured = options.Value.DailyKwh is { } kwh ? (long?)Math.Round(kwh * 1000) : null }, cancellationToken: cancellationToken))).ToList();
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        foreach (var group in watched.GroupBy(w => w.MeterKey))
        {
            var meter = await meters.FindByKeyAsync(group.Key, cancellationToken);
            if (meter is null)
            {
                continue;
            }
            var today = now.InZone(meter.TimeZone).Date;
            var start = today.AtStartOfDayInZone(meter.TimeZone).ToInstant();
            var end = today.PlusDays(1).AtStartOfDayInZone(meter.TimeZone).ToInstant();
            var days = await consumption.SummariesAsync(MeteredSeries.Of(meter), ObisCode.ActiveImport, start, end, BucketSize.Day, SeriesVersion.Latest, cancellationToken);
            var usedWh = days.Sum(d => d.Wh ?? 0);
            foreach (var (userKey, _, dailyWh) in group)
            {
                if (usedWh > dailyWh)
                {
                    await alerting.RaiseAsync(AlertCondition.DailyThreshold(meter.Id, userKey, today, usedWh / 1000m, dailyWh / 1000m), cancellationToken);
                }
            }
        }
    }

    private async Task CheckOfflineAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long MeterKey, string MeterId, long OfflineMinutes)>(new CommandDefinition(
            """
            SELECT m.key, m.id, COALESCE(d.offline_minutes, @configured) FROM meter_status s JOIN meters m ON m.key = s.meter_key
            LEFT JOIN alert_supplier_defaults d ON d.supplier_id = m.supplier_id
            """,
            new { configured = (long)options.Value.OfflineMinutes }, cancellationToken: cancellationToken));
        var active = (await alerting.ActiveAsync(AlertType.MeterOffline, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        foreach (var (meterKey, meterId, minutes) in rows)
        {
            // Asked through the store, which also knows "last seen" times not yet written.
            var current = await status.GetAsync(meterKey, cancellationToken);
            var lastSeen = current?.LastSeen is { } seen ? Instant.FromDateTimeOffset(seen) : (Instant?)null;
            var condition = AlertCondition.MeterOffline(meterId, lastSeen);
            if (MeterOffline.IsOffline(current?.Online, lastSeen, now, Duration.FromMinutes(minutes)))
            {
                await alerting.RaiseAsync(condition, cancellationToken);
            }
            else if (active.Contains(condition.Key))
            {
                await alerting.ClearAsync(condition.Key, cancellationToken);
            }
        }
    }

    private async Task CheckAppliancesAsync(bool everyTime, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        if (!everyTime && _appliancesCheckedAt is { } last && now - last < ApplianceCheckEvery && now >= last)
        {
            return;
        }
        _appliancesCheckedAt = now;
        await using var connection = await database.OpenAsync(cancellationToken);
        var appliances = await connection.QueryAsync<(long Key, string Id, string? State, long MeterKey, long IdleHours)>(new CommandDefinition(
            """
            SELECT a.key, a.id, a.state, a.meter_key, COALESCE(d.appliance_idle_hours, @configured) FROM appliances a
            JOIN meters m ON m.key = a.meter_key LEFT JOIN alert_supplier_defaults d ON d.supplier_id = m.supplier_id
            """,
            new { configured = (long)options.Value.ApplianceIdleHours }, cancellationToken: cancellationToken));
        var active = (await alerting.ActiveAsync(AlertType.ApplianceFault, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var appliance in appliances)
        {
            var meter = await meters.FindByKeyAsync(appliance.MeterKey, cancellationToken);
            if (meter is null)
            {
                continue;
            }
            var series = MeteredSeries.Of(meter) with { Key = MeteredSeries.ApplianceKey(appliance.Key) };
            var windowStart = now - Duration.FromHours(appliance.IdleHours);
            var window = await WhAsync(series, windowStart, now, cancellationToken);
            var weekBefore = await WhAsync(series, windowStart - Duration.FromDays(7), windowStart, cancellationToken);
            var condition = AlertCondition.ApplianceFault(meter.Id, appliance.Id, $"it has drawn no power for {appliance.IdleHours} hours.");
            if (ApplianceStopped.IsStopped(window, weekBefore, appliance.State))
            {
                await alerting.RaiseAsync(condition, cancellationToken);
            }
            else if (window > 0 && active.Contains(condition.Key))
            {
                await alerting.ClearAsync(condition.Key, cancellationToken);
            }
        }
    }

    private async Task<long?> WhAsync(MeteredSeries series, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var days = await consumption.SummariesAsync(series, ObisCode.ActiveImport, from, to, BucketSize.Day, SeriesVersion.Latest, cancellationToken);
        return days.Any(d => d.Wh is not null) ? days.Sum(d => d.Wh ?? 0) : null;
    }
}
