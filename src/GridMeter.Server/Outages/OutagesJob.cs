using Dapper;
using GridMeter.Server.Cluster;
using GridMeter.Server.Devices;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Outages;

/// <summary>
/// Looks for meters that stopped reporting without a last gasp or a will (a meter whose modem died
/// with the supply): silent for <see cref="OutagesOptions.MissedReports"/> reading periods, they
/// count as without supply from when they were last heard. Runs on the node holding the "outages"
/// lease, so two nodes never open the same outage twice.
/// </summary>
public sealed partial class OutagesJob(
    OutageDetector detector, DeviceStatusStore status, IDatabase database, JobLease lease, TimeProvider clock, IOptions<OutagesOptions> options,
    ILogger<OutagesJob> logger) : LeasedPeriodicJob(lease, clock)
{
    public override string LeaseName => "outages";

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.JobSeconds);

    protected override void OnRoundFailed(Exception exception) => LogRoundFailed(exception);

    protected override async Task RunLeasedAsync(CancellationToken cancellationToken)
    {
        await status.FlushLastSeenAsync(cancellationToken);
        var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var down = await detector.DownAsync(cancellationToken);
        List<(long Key, long LastSeen)> silent;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            silent = [.. await connection.QueryAsync<(long Key, long LastSeen)>(new CommandDefinition(
                """
                SELECT m.key, s.last_seen FROM meter_status s JOIN meters m ON m.key = s.meter_key
                WHERE s.last_seen IS NOT NULL AND s.last_seen < @now - m.reading_period_minutes * @periodMs
                  AND (s.online IS NULL OR s.online = @online)
                """,
                new { now, periodMs = 60_000L * options.Value.MissedReports, online = true }, cancellationToken: cancellationToken))];
        }
        foreach (var (key, lastSeen) in silent.Where(s => !down.Contains(s.Key)))
        {
            if (await detector.FindMeterAsync(key, cancellationToken) is { } meter)
            {
                await detector.MeterDownAsync(meter, Instant.FromUnixTimeMilliseconds(lastSeen), OutageCause.MissedReports, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for silent meters failed; retrying at the next round")]
    private partial void LogRoundFailed(Exception exception);
}
