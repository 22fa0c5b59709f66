using GridMeter.Server.Vee;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Firmware;

/// <summary>
/// Every few seconds, on the node holding the "firmware" lease: each running or paused rollout
/// takes in what its meters reported; running ones move on through their waves.
/// </summary>
public sealed partial class FirmwareJob(
    RolloutStore store, RolloutRunner runner, JobLease lease, TimeProvider clock, IOptions<FirmwareOptions> options, ILogger<FirmwareJob> logger)
    : BackgroundService
{
    public const string LeaseName = "firmware";

    private readonly SemaphoreSlim _running = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.JobSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRoundFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; rollouts carry on at the next start.
        }
    }

    /// <summary>One round over every open rollout; false when another node holds the lease.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (!await lease.TryAcquireAsync(LeaseName, TimeSpan.FromSeconds(options.Value.LeaseSeconds), cancellationToken))
            {
                return false;
            }
            foreach (var status in new[] { RolloutStatus.Running, RolloutStatus.Paused })
            {
                foreach (var rollout in await store.ListAsync(status, null, cancellationToken))
                {
                    await runner.AdvanceAsync(rollout, cancellationToken);
                }
            }
            return true;
        }
        finally
        {
            _running.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The firmware rollout round failed; retrying at the next one")]
    private partial void LogRoundFailed(Exception exception);
}
