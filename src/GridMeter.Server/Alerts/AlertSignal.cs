namespace GridMeter.Server.Alerts;

/// <summary>Wakes the delivery job when an alert was committed, so it goes out at once rather than at the next poll.</summary>
public sealed class AlertSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Wake()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken; one wake-up covers every alert committed before the job looks.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
