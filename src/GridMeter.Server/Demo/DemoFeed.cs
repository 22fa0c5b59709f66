using Dapper;
using GridMeter.Domain.Readings;
using GridMeter.Server.Meters;
using GridMeter.Server.Readings;
using GridMeter.Server.Storage;
using GridMeter.Simulator.Meters;
using GridMeter.Simulator.Wire;
using NodaTime;

namespace GridMeter.Server.Demo;

/// <summary>
/// Feeds the demo meters through the real ingest path: first the last 30 days (or what is missing
/// since the last run), a day per message, then each quarter-hour as it passes.
/// </summary>
public sealed partial class DemoFeed(
    MeterDirectory meters, ReadingIngest ingest, IDatabase database, RegisterCatalog registers, TimeProvider clock, ILogger<DemoFeed> logger)
    : BackgroundService
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);
    private static readonly Duration Backfill = Duration.FromDays(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fleet = DemoFleet.Build();
        var sent = new Dictionary<string, Instant>();
        foreach (var virtualMeter in fleet)
        {
            sent[virtualMeter.Id] = await LastStoredAsync(virtualMeter.Id, stoppingToken);
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15), clock);
        do
        {
            var now = Now();
            var readings = 0;
            foreach (var virtualMeter in fleet)
            {
                readings += await CatchUpAsync(virtualMeter, sent, now, stoppingToken);
            }
            if (readings > 0)
            {
                LogFed(readings, fleet.Count);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends every quarter-hour snapshot after the last one sent up to now, a day at a time.</summary>
    private async Task<int> CatchUpAsync(VirtualMeter virtualMeter, Dictionary<string, Instant> sent, Instant now, CancellationToken cancellationToken)
    {
        var meter = await meters.FindAsync(virtualMeter.Id, cancellationToken);
        if (meter is null)
        {
            return 0;
        }
        var from = sent[virtualMeter.Id] + Quarter;
        var count = 0;
        while (from <= now)
        {
            var to = Min(from + Duration.FromDays(1), now + Duration.FromTicks(1));
            var snapshots = virtualMeter.SnapshotsBetween(from, to, Quarter);
            var result = await ingest.IngestAsync(meter, MeterPayloads.Readings(snapshots), "demo", cancellationToken);
            count += result.Outcome.Inserted;
            from = snapshots[^1].Timestamp + Quarter;
            sent[virtualMeter.Id] = snapshots[^1].Timestamp;
        }
        return count;
    }

    /// <summary>The newest quarter-hour already stored for the meter, or the start of the backfill.</summary>
    private async Task<Instant> LastStoredAsync(string meterId, CancellationToken cancellationToken)
    {
        var floor = AlignDown(Now() - Backfill) - Quarter;
        var meter = await meters.FindAsync(meterId, cancellationToken);
        var register = await registers.FindAsync(ObisCode.ActiveImport, cancellationToken);
        if (meter is null || register is null)
        {
            return floor;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(ts) FROM readings WHERE meter = @meter AND register = @register",
            new { meter = meter.Key, register }, cancellationToken: cancellationToken));
        return last is { } ts && Instant.FromUnixTimeSeconds(ts) > floor ? Instant.FromUnixTimeSeconds(ts) : floor;
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());

    private static Instant AlignDown(Instant instant) =>
        Instant.FromUnixTimeSeconds(instant.ToUnixTimeSeconds() / 900 * 900);

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: stored {Readings} new readings from {Meters} simulated meters")]
    private partial void LogFed(int readings, int meters);
}
