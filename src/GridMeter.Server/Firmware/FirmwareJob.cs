using GridMeter.Server.Cluster;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Firmware;

/// <summary>
/// Every few seconds, on the node holding the "firmware" lease: each running or paused rollout
/// takes in what its meters reported; running ones move on through their waves.
/// </summary>
public sealed partial class FirmwareJob(
    RolloutStore store, RolloutRunner runner, JobLease lease, TimeProvider clock, IOptions<FirmwareOptions> options, ILogger<FirmwareJob> logger)
    : LeasedPeriodicJob(lease, clock)
{
    public override string LeaseName => "firmware";

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.JobSeconds);

    protected override TimeSpan LeaseDuration => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    protected override void OnRoundFailed(Exception exception) => LogRoundFailed(exception);

    /// <summary>One round over every open rollout.</summary>
    protected override async Task RunLeasedAsync(CancellationToken cancellationToken)
    {
        foreach (var status in new[] { RolloutStatus.Running, RolloutStatus.Paused })
        {
            foreach (var rollout in await store.ListAsync(status, null, cancellationToken))
            {
                await runner.AdvanceAsync(rollout, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The firmware rollout round failed; retrying at the next one")]
    private partial void LogRoundFailed(Exception exception);
}
