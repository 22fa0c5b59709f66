using System.Threading.Channels;

namespace GridMeter.Server.Live;

/// <summary>A watch on one meter's live values; dispose to stop.</summary>
public sealed class LiveSubscription(ChannelReader<LiveSnapshot> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<LiveSnapshot> Reader { get; } = reader;

    public void Dispose() => unsubscribe();
}
