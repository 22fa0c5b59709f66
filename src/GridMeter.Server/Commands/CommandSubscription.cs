using System.Threading.Channels;

namespace GridMeter.Server.Commands;

/// <summary>A watch on one meter's commands; dispose to stop.</summary>
public sealed class CommandSubscription(ChannelReader<CommandResponse> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<CommandResponse> Reader { get; } = reader;

    public void Dispose() => unsubscribe();
}
