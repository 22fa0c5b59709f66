namespace GridMeter.Server.Readings;

/// <summary>
/// Tells whoever processes stored readings after commit (the meter-data job) that new ones are
/// there. A pulse while nobody waits is kept, so a commit is never missed; the work itself is in
/// the database, so a pulse lost to a restart costs only the job's next poll.
/// </summary>
public sealed class ReadingsCommitted
{
    private readonly SemaphoreSlim _pulses = new(0, 1);

    public void Pulse()
    {
        if (_pulses.CurrentCount == 0)
        {
            try
            {
                _pulses.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit pulsed at the same moment; one pending pulse is enough.
            }
        }
    }

    /// <summary>Waits for a pulse or <paramref name="timeout"/>; true when pulsed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pulses.WaitAsync(timeout, cancellationToken);
}
