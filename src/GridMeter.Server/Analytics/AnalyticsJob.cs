using Dapper;
using GridMeter.Server.Storage;
using GridMeter.Server.Vee;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Analytics;

/// <summary>
/// Runs analytics on schedule, on the node holding the lease: clusters each supplier's customers
/// per season and day type, and checks every meter and appliance for faults on each local day
/// completed since it was last checked (so a run only does what new data allows).
/// </summary>
public sealed partial class AnalyticsJob(
    IDatabase database, CustomerClustering clustering, FaultScan faults, JobLease lease, TimeProvider clock,
    IOptions<AnalyticsOptions> options, ILogger<AnalyticsJob> logger) : BackgroundService
{
    public const string LeaseName = "analytics";

    private readonly SemaphoreSlim _running = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e);
            }
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.Value.IntervalMinutes), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One run: false when another node holds the lease.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (!await lease.TryAcquireAsync(LeaseName, TimeSpan.FromSeconds(options.Value.LeaseSeconds), cancellationToken))
            {
                return false;
            }
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
            return true;
        }
        finally
        {
            _running.Release();
        }
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
