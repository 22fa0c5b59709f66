using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using GridMeter.Server.Cluster;

namespace GridMeter.Server.Commands;

/// <summary>
/// Status changes of commands as they happen, per meter, for the SSE stream. A change made on one
/// node reaches the streams of every node through the cluster bus (channel "commands").
/// </summary>
public sealed class CommandFeed
{
    private const string BusChannel = "commands";

    private readonly ConcurrentDictionary<long, List<Channel<CommandResponse>>> _subscribers = new();
    private readonly IClusterBus _bus;

    public CommandFeed(IClusterBus bus)
    {
        _bus = bus;
        bus.Subscribe(BusChannel, payload =>
        {
            // "meterKey json"
            var space = payload.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && long.TryParse(payload.AsSpan(0, space), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var meterKey)
                && JsonSerializer.Deserialize(payload.AsSpan(space + 1), CommandsJson.Default.CommandResponse) is { } command)
            {
                Deliver(meterKey, command);
            }
        });
    }

    public void Publish(long meterKey, CommandResponse command)
    {
        Deliver(meterKey, command);
        _bus.Publish(BusChannel, string.Create(CultureInfo.InvariantCulture, $"{meterKey} {JsonSerializer.Serialize(command, CommandsJson.Default.CommandResponse)}"));
    }

    private void Deliver(long meterKey, CommandResponse command)
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
