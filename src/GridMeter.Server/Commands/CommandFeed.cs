using System.Collections.Concurrent;
using System.Threading.Channels;

namespace GridMeter.Server.Commands;

/// <summary>Status changes of commands as they happen, per meter, for the SSE stream.</summary>
public sealed class CommandFeed
{
    private readonly ConcurrentDictionary<long, List<Channel<CommandResponse>>> _subscribers = new();

    public void Publish(long meterKey, CommandResponse command)
    {
        if (!_subscribers.TryGetValue(meterKey, out var list))
        {
            return;
        }
        lock (list)
        {
            foreach (var channel in list)
            {
                channel.Writer.TryWrite(command);
            }
        }
    }

    /// <summary>Watches one meter's commands until the returned subscription is disposed.</summary>
    public CommandSubscription Subscribe(long meterKey)
    {
        // A slow reader loses the oldest changes rather than holding memory without bound.
        var channel = Channel.CreateBounded<CommandResponse>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var list = _subscribers.GetOrAdd(meterKey, _ => []);
        lock (list)
        {
            list.Add(channel);
        }
        return new CommandSubscription(channel.Reader, () =>
        {
            lock (list)
            {
                list.Remove(channel);
            }
        });
    }
}
