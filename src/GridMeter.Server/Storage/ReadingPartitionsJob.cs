using GridMeter.Server.Cluster;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Storage;

/// <summary>
/// On PostgreSQL, once per cluster every hour: creates the readings partitions of this month and
/// the next few before readings arrive for them, and drops those past the retention (when one is
/// set). Nothing to do on SQLite.
/// </summary>
public sealed partial class ReadingPartitionsJob(
    IDatabase database, ReadingPartitions partitions, JobLease lease, TimeProvider clock, IOptions<StorageOptions> options, ILogger<ReadingPartitionsJob> logger)
    : LeasedPeriodicJob(lease, clock)
{
    public override string LeaseName => "partitions";

    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        database.Provider == StorageProvider.Postgres ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override async Task RunLeasedAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        await partitions.CreateAheadAsync(now, options.Value.PartitionMonthsAhead, cancellationToken);
        if (options.Value.ReadingRetentionMonths > 0)
        {
            await partitions.DropOlderAsync(now, options.Value.ReadingRetentionMonths, cancellationToken);
        }
    }

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Keeping the readings partitions failed; retrying in an hour")]
    private partial void LogFailed(Exception exception);
}
