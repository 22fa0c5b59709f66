using System.Collections.Concurrent;
using System.Threading.Channels;
using GridMeter.Server.Cluster;
using NodaTime;

namespace GridMeter.Server.Live;

/// <summary>
/// The newest live values of every meter, in memory, with their 1-minute min/avg/max on the way to
/// storage and the SSE subscribers watching each meter. Raw seconds are not kept. Every value is
/// also sent to the other nodes over the cluster bus, and theirs are taken in here alike: each node
/// holds the whole fleet's live state, so its SSE clients and GET live see values another node
/// consumed, and every node closes the same minutes (stored once: the insert ignores a repeat).
/// </summary>
public sealed class LiveValueStore
{
    private readonly ConcurrentDictionary<long, MeterLive> _meters = new();
    private readonly ConcurrentQueue<(long MeterKey, LiveMinute Minute)> _completed = new();
    private readonly IClusterBus _bus;

    public LiveValueStore(IClusterBus bus)
    {
        _bus = bus;
        bus.Subscribe(LiveClusterMessage.Channel, payload =>
        {
            if (LiveClusterMessage.Decode(payload) is { } remote)
            {
                Apply(remote.MeterKey, remote.Snapshot);
            }
        });
    }

    /// <summary>Takes in a value this node consumed, and tells the other nodes.</summary>
    public void Update(long meterKey, LiveSnapshot snapshot)
    {
        Apply(meterKey, snapshot);
        _bus.Publish(LiveClusterMessage.Channel, LiveClusterMessage.Encode(meterKey, snapshot));
    }

    private void Apply(long meterKey, LiveSnapshot snapshot)
    {
        var meter = _meters.GetOrAdd(meterKey, _ => new MeterLive());
        var minute = snapshot.Timestamp.ToUnixTimeSeconds() / 60;
        lock (meter)
        {
            if (meter.Current is { } current && minute > current.Minute)
            {
                _completed.Enqueue((meterKey, current));
                meter.Current = null;
            }
            // A value from a minute already closed is too late for its aggregate.
            if (meter.Current is null && (meter.Latest is null || minute >= meter.Latest.Timestamp.ToUnixTimeSeconds() / 60))
            {
                meter.Current = new LiveMinute(minute);
            }
            if (meter.Current?.Minute == minute)
            {
                meter.Current.Add(snapshot.Values);
            }
            if (meter.Latest is null || snapshot.Timestamp > meter.Latest.Timestamp)
            {
                meter.Latest = snapshot;
                foreach (var subscriber in meter.Subscribers)
                {
                    subscriber.Writer.TryWrite(snapshot);
                }
            }
        }
    }

    public LiveSnapshot? Latest(long meterKey) => _meters.TryGetValue(meterKey, out var meter) ? meter.Latest : null;

    /// <summary>Live values of one meter as they arrive; only the newest few wait for a slow reader.</summary>
    public LiveSubscription Subscribe(long meterKey)
    {
        var meter = _meters.GetOrAdd(meterKey, _ => new MeterLive());
        var channel = Channel.CreateBounded<LiveSnapshot>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (meter)
        {
            meter.Subscribers.Add(channel);
        }
        return new LiveSubscription(channel.Reader, () =>
        {
            lock (meter)
            {
                meter.Subscribers.Remove(channel);
            }
        });
    }

    /// <summary>Minutes complete by <paramref name="now"/>: closed by a newer value, or silent since.</summary>
    public List<(long MeterKey, LiveMinute Minute)> TakeCompleted(Instant now)
    {
        var nowMinute = now.ToUnixTimeSeconds() / 60;
        foreach (var (meterKey, meter) in _meters)
        {
            lock (meter)
            {
                if (meter.Current is { } current && current.Minute < nowMinute)
                {
                    _completed.Enqueue((meterKey, current));
                    meter.Current = null;
                }
            }
        }
        var taken = new List<(long, LiveMinute)>();
        while (_completed.TryDequeue(out var item))
        {
            taken.Add(item);
        }
        return taken;
    }

    private sealed class MeterLive
    {
        public LiveSnapshot? Latest { get; set; }

        public LiveMinute? Current { get; set; }

        public List<Channel<LiveSnapshot>> Subscribers { get; } = [];
    }
}
