namespace GridMeter.Server.Cluster;

/// <summary>
/// A scheduled job that runs once per cluster: each round runs on the node holding the job's
/// lease row, which it renews every round. When that node dies the lease expires and another node
/// takes the next round. Work left undone is picked up by the next round; a failed round is logged
/// and the next one tries again.
/// </summary>
public abstract class LeasedPeriodicJob(JobLease lease, TimeProvider clock) : BackgroundService
{
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>The lease row's name, one per job.</summary>
    public abstract string LeaseName { get; }

    /// <summary>The clock the job runs on, for its rounds' own "now".</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Time between rounds.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>How long a round's lease lasts: four periods, at least a minute, unless a job says otherwise.</summary>
    protected virtual TimeSpan LeaseDuration => Period * 4 > TimeSpan.FromMinutes(1) ? Period * 4 : TimeSpan.FromMinutes(1);

    /// <summary>
    /// One round now, if this node holds the lease or takes it; false when another node holds it.
    /// Rounds never overlap on one node.
    /// </summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (!await RenewLeaseAsync(cancellationToken))
            {
                return false;
            }
            await RunLeasedAsync(cancellationToken);
            return true;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Takes or renews the lease for <see cref="LeaseDuration"/>, for a round that works in steps; false when another node holds it.</summary>
    protected Task<bool> RenewLeaseAsync(CancellationToken cancellationToken) => lease.TryAcquireAsync(LeaseName, LeaseDuration, cancellationToken);

    /// <summary>The round's work, done while holding the lease.</summary>
    protected abstract Task RunLeasedAsync(CancellationToken cancellationToken);

    /// <summary>Waits until the next round: one period, or less when a job is woken by a signal.</summary>
    protected virtual Task WaitForNextRoundAsync(CancellationToken cancellationToken) => Task.Delay(Period, Clock, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                OnRoundFailed(e);
            }
            try
            {
                await WaitForNextRoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Logs a failed round; the next round tries again.</summary>
    protected abstract void OnRoundFailed(Exception exception);
}
