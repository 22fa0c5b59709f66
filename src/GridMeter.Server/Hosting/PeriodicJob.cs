namespace GridMeter.Server.Hosting;

/// <summary>
/// A background job that runs <see cref="RunOnceAsync"/> every <paramref name="period"/> on the
/// injected clock until the host stops; work left undone is picked up by the next start.
/// </summary>
public abstract class PeriodicJob(TimeSpan period, TimeProvider clock) : BackgroundService
{
    /// <summary>The clock the job runs on, for its rounds' own "now".</summary>
    protected TimeProvider Clock { get; } = clock;

    public abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
