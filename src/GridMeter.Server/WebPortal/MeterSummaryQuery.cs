using Dapper;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Appliances;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Devices;
using GridMeter.Server.Events;
using GridMeter.Server.Live;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.WebPortal;

/// <summary>
/// Gathers the meter page: today and this month against the previous ones (in the meter's own
/// time zone, so DST days have their 23 or 25 hours), 31 days and 12 months for the charts,
/// appliances with this month's use, and for staff the registers, today's completed quarter-hours
/// with their quality, and recent events.
/// </summary>
public sealed class MeterSummaryQuery(
    IDatabase database, ConsumptionQuery consumption, ApplianceRegistry appliances, LiveValueStore live, DeviceStatusStore status,
    MeterEventStore events, TimeProvider clock)
{
    public const int EventLimit = 50;

    public async Task<MeterSummary> LoadAsync(Meter meter, Caller caller, CancellationToken cancellationToken)
    {
        var zone = meter.TimeZone;
        var now = Instant.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var today = now.InZone(zone).Date;
        var month = today.With(DateAdjusters.StartOfMonth);
        var series = MeteredSeries.Of(meter);
        var days = await SummariesAsync(series, today.PlusDays(-30), today.PlusDays(1), BucketSize.Day, cancellationToken);
        var months = await SummariesAsync(series, month.PlusMonths(-11), month.PlusMonths(1), BucketSize.Month, cancellationToken);
        var applianceUse = new List<(Appliance, long?)>();
        foreach (var appliance in await appliances.ListAsync(meter.Key, cancellationToken))
        {
            var own = new MeteredSeries(MeteredSeries.ApplianceKey(appliance.Key), zone, meter.ReadingPeriod);
            var use = await SummariesAsync(own, month, month.PlusMonths(1), BucketSize.Month, cancellationToken);
            applianceUse.Add((appliance, use.Count > 0 ? use[0].Wh : null));
        }
        var staff = caller.Role != Roles.Consumer;
        var intervals = staff
            ? (await SummariesAsync(series, today, today.PlusDays(1), BucketSize.QuarterHour, cancellationToken)).Where(b => b.Bucket.End.ToInstant() <= now).ToList()
            : [];
        return new MeterSummary(
            meter,
            now.InZone(zone),
            LiveResponse.From(live.Latest(meter.Key)),
            await status.GetAsync(meter.Key, cancellationToken),
            days,
            months,
            applianceUse,
            staff ? await RegistersAsync(meter.Key, cancellationToken) : [],
            intervals,
            staff ? await events.ListAsync(meter.Key, now - Duration.FromDays(30), now + Duration.FromMinutes(1), null, EventLimit, cancellationToken) : []);
    }

    private Task<IReadOnlyList<BucketSummary>> SummariesAsync(MeteredSeries series, LocalDate from, LocalDate to, BucketSize size, CancellationToken cancellationToken) =>
        consumption.SummariesAsync(
            series, ObisCode.ActiveImport, series.Zone.AtStartOfDay(from).ToInstant(), series.Zone.AtStartOfDay(to).ToInstant(), size, SeriesVersion.Latest, cancellationToken);

    /// <summary>The newest reading of each register the meter has reported; one index seek per register.</summary>
    private async Task<IReadOnlyList<RegisterValue>> RegistersAsync(long meterKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Obis, long? Ts, long? Value)>(new CommandDefinition(
            """
            SELECT g.obis,
                   (SELECT r.ts FROM readings r WHERE r.meter = @meterKey AND r.register = g.key ORDER BY r.ts DESC LIMIT 1),
                   (SELECT r.value FROM readings r WHERE r.meter = @meterKey AND r.register = g.key ORDER BY r.ts DESC LIMIT 1)
            FROM registers g ORDER BY g.obis
            """,
            new { meterKey }, cancellationToken: cancellationToken));
        return [.. rows
            .Where(r => r.Ts is not null && r.Value is not null)
            .Select(r => new RegisterValue(
                r.Obis, DateTimeOffset.FromUnixTimeSeconds(r.Ts!.Value), r.Value!.Value / 1000m,
                ObisCode.TryParse(r.Obis, out var code) ? code.Unit : ""))];
    }
}
