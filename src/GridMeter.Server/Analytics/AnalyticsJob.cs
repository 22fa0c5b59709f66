using Dapper;
using GridMeter.Server.Cluster;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Analytics;

/// <summary>
/// Runs analytics on schedule, on the node holding the lease: clusters each supplier's customers
/// per season and day type, and checks every meter and appliance for faults on each local day
/// completed since it was last checked (so a run only does what new data allows).
/// </summary>
public sealed partial class AnalyticsJob(
    IDatabase database, CustomerClustering clustering, FaultScan faults, JobLease lease, TimeProvider clock,
    IOptions<AnalyticsOptions> options, ILogger<AnalyticsJob> logger) : LeasedPeriodicJob(lease, clock)
{
    public override string LeaseName => "analytics";

    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.IntervalMinutes);

    protected override TimeSpan LeaseDuration => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    /// <summary>One run: clusters every supplier's customers, then scans for faults.</summary>
    protected override async Task RunLeasedAsync(CancellationToken cancellationToken)
    {
        List<string> suppliers;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            suppliers = [.. await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT DISTINCT supplier_id FROM meters WHERE supplier_id IS NOT NULL ORDER BY supplier_id", cancellationToken: cancellationToken))];
        }
        foreach (var supplier in suppliers)
        {
            try
            {
                var groups = await clustering.RunAsync(supplier, cancellationToken);
                LogClustered(supplier, groups);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One supplier's trouble must not hold up the others'.
                LogSupplierFailed(e, supplier);
            }
        }
        var found = await faults.RunAsync(cancellationToken);
        LogFaults(found);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The analytics job failed; it runs again at its next interval")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Clustering the customers of supplier {Supplier} failed")]
    private partial void LogSupplierFailed(Exception exception, string supplier);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clustered the customers of supplier {Supplier} in {Groups} season and day-type groups")]
    private partial void LogClustered(string supplier, int groups);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fault detection stored {Faults} new faults")]
    private partial void LogFaults(int faults);
}
