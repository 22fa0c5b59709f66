using GridMeter.Server.Cluster;

namespace GridMeter.Server.Readings;

/// <summary>
/// Tells whoever processes stored readings after commit (the meter-data job) that new ones are
/// there. A pulse while nobody waits is kept, so a commit is never missed; the work itself is in
/// the database, so a pulse lost to a restart costs only the job's next poll. In a cluster a pulse
/// also reaches the other nodes (channel "committed"), so the node running the job wakes for
/// readings another node stored; only a pulse that was not already pending is sent.
/// </summary>
public sealed class ReadingsCommitted
{
    private const string BusChannel = "committed";

    private readonly SemaphoreSlim _pulses = new(0, 1);
    private readonly IClusterBus? _bus;

    public ReadingsCommitted()
    {
    }

    public ReadingsCommitted(IClusterBus bus)
    {
        _bus = bus;
        bus.Subscribe(BusChannel, _ => Release());
    }

    public void Pulse()
    {
        if (Release())
        {
            _bus?.Publish(BusChannel, "");
        }
    }

    private bool Release()
    {
        if (_pulses.CurrentCount == 0)
        {
            try
            {
                _pulses.Release();
                return true;
            }
            catch (SemaphoreFullException)
            {
                // Another commit pulsed at the same moment; one pending pulse is enough.
            }
        }
        return false;
    }

    /// <summary>Waits for a pulse or <paramref name="timeout"/>; true when pulsed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pulses.WaitAsync(timeout, cancellationToken);
}
