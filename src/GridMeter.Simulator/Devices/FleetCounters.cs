namespace GridMeter.Simulator.Devices;

/// <summary>What a running fleet has done so far; safe to read while it runs.</summary>
public sealed class FleetCounters
{
    private long _readingsAcked;
    private long _messagesAcked;
    private long _liveMessages;
    private long _rejected;
    private long _outages;
    private long _connected;

    public long ReadingsAcked => Interlocked.Read(ref _readingsAcked);

    public long MessagesAcked => Interlocked.Read(ref _messagesAcked);

    public long LiveMessages => Interlocked.Read(ref _liveMessages);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Outages => Interlocked.Read(ref _outages);

    public long Connected => Interlocked.Read(ref _connected);

    internal void Acked(int readings)
    {
        Interlocked.Add(ref _readingsAcked, readings);
        Interlocked.Increment(ref _messagesAcked);
    }

    internal void Live() => Interlocked.Increment(ref _liveMessages);

    internal void Reject() => Interlocked.Increment(ref _rejected);

    internal void Outage() => Interlocked.Increment(ref _outages);

    internal void Online(bool online) => Interlocked.Add(ref _connected, online ? 1 : -1);

    public override string ToString() =>
        $"{ReadingsAcked:N0} readings acknowledged in {MessagesAcked:N0} messages, {LiveMessages:N0} live, {Connected:N0} connected, {Outages:N0} outages, {Rejected:N0} rejected";
}
