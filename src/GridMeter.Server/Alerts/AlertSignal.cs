using GridMeter.Server.Cluster;

namespace GridMeter.Server.Alerts;

/// <summary>
/// Wakes the delivery job when an alert was committed, so it goes out at once rather than at the
/// next poll. In a cluster the wake-up also reaches the other nodes (channel "alerts"): the job
/// runs on whichever node holds its lease.
/// </summary>
public sealed class AlertSignal
{
    private const string BusChannel = "alerts";

    private readonly SemaphoreSlim _pending = new(0, 1);
    private readonly IClusterBus _bus;

    public AlertSignal(IClusterBus bus)
    {
        _bus = bus;
        bus.Subscribe(BusChannel, _ => Release());
    }

    public void Wake()
    {
        Release();
        _bus.Publish(BusChannel, "");
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    private void Release()
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
}
