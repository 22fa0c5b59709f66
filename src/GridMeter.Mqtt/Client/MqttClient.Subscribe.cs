using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

public sealed partial class MqttClient
{
    private readonly Dictionary<string, MqttSubscription> _subscriptions = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<MqttReasonCode>> SubscribeAsync(string topicFilter, MqttQualityOfService qos, CancellationToken cancellationToken = default) =>
        SubscribeAsync([new MqttSubscription(topicFilter, qos)], cancellationToken);

    /// <summary>
    /// Subscribes and returns the broker's code per filter (granted QoS, or ≥ 0x80 refused). Granted filters
    /// are remembered and subscribed again after a reconnect that did not resume the session.
    /// </summary>
    public async Task<IReadOnlyList<MqttReasonCode>> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken = default)
    {
        var connection = Volatile.Read(ref _connection) ?? throw new MqttClientException("not connected");
        var codes = await SubscribeOnAsync(connection, subscriptions, cancellationToken);
        lock (_gate)
        {
            for (var i = 0; i < subscriptions.Count && i < codes.Count; i++)
            {
                if ((byte)codes[i] < 0x80)
                {
                    _subscriptions[subscriptions[i].TopicFilter] = subscriptions[i];
                }
            }
        }
        return codes;
    }

    private async Task<IReadOnlyList<MqttReasonCode>> SubscribeOnAsync(ClientConnection connection, IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken)
    {
        var (packetId, reply) = Request();
        await connection.WriteAsync(new SubscribePacket { PacketId = packetId, Subscriptions = subscriptions }, cancellationToken);
        var subAck = (SubAckPacket)await reply.Task.WaitAsync(cancellationToken);
        return subAck.ReasonCodes;
    }

    public async Task<IReadOnlyList<MqttReasonCode>> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken = default)
    {
        var connection = Volatile.Read(ref _connection) ?? throw new MqttClientException("not connected");
        lock (_gate)
        {
            foreach (var filter in topicFilters)
            {
                _subscriptions.Remove(filter);
            }
        }
        var (packetId, reply) = Request();
        await connection.WriteAsync(new UnsubscribePacket { PacketId = packetId, TopicFilters = topicFilters }, cancellationToken);
        var unsubAck = (UnsubAckPacket)await reply.Task.WaitAsync(cancellationToken);
        return unsubAck.ReasonCodes.Count > 0 ? unsubAck.ReasonCodes : [.. topicFilters.Select(_ => MqttReasonCode.Success)];
    }

    private (ushort PacketId, TaskCompletionSource<MqttPacket> Reply) Request()
    {
        var reply = new TaskCompletionSource<MqttPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var packetId = NextPacketId();
            _requests.Add(packetId, reply);
            return (packetId, reply);
        }
    }

    private void Answer(ushort packetId, MqttPacket packet)
    {
        TaskCompletionSource<MqttPacket>? reply;
        lock (_gate)
        {
            _requests.Remove(packetId, out reply);
        }
        reply?.TrySetResult(packet);
    }

    private void FailPendingRequests(Exception reason)
    {
        List<TaskCompletionSource<MqttPacket>> pending;
        lock (_gate)
        {
            pending = [.. _requests.Values];
            _requests.Clear();
        }
        pending.ForEach(r => r.TrySetException(reason));
    }

    private async Task ResubscribeAsync(ClientConnection connection, CancellationToken cancellationToken)
    {
        List<MqttSubscription> remembered;
        lock (_gate)
        {
            remembered = [.. _subscriptions.Values];
        }
        if (remembered.Count > 0)
        {
            await SubscribeOnAsync(connection, remembered, cancellationToken);
        }
    }
}
