using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

public sealed partial class MqttClient
{
    private readonly Dictionary<ushort, OutgoingPublish> _inflight = [];
    private readonly Dictionary<ushort, TaskCompletionSource<MqttPacket>> _requests = [];
    private TaskCompletionSource? _windowOpened;
    private ushort _lastPacketId;
    private long _sequence;

    /// <summary>
    /// Publishes. QoS 0 completes once written (and fails while disconnected); QoS 1 and 2 wait for a slot
    /// in the in-flight window and complete on PUBACK / PUBCOMP, across reconnects if need be.
    /// </summary>
    public async Task<MqttPublishResult> PublishAsync(MqttMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!MqttTopic.IsValidTopicName(message.Topic))
        {
            throw new ArgumentException($"'{message.Topic}' is not a valid topic name", nameof(message));
        }
        if (message.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            var connection = Volatile.Read(ref _connection) ?? throw new MqttClientException("not connected");
            await connection.WriteAsync(new PublishPacket { Message = message }, cancellationToken);
            return new MqttPublishResult(MqttReasonCode.Success);
        }
        var publish = await ReserveAsync(message, cancellationToken);
        if (Volatile.Read(ref _connection) is { } current)
        {
            await TrySendAsync(current, publish, duplicate: false, cancellationToken);
        }
        else if (!_options.AutoReconnect)
        {
            Forget(publish.PacketId);
            throw new MqttClientException("not connected");
        }
        return await publish.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task<OutgoingPublish> ReserveAsync(MqttMessage message, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task opened;
            lock (_gate)
            {
                var quota = Volatile.Read(ref _connection)?.SendQuota ?? _options.MaximumInflight;
                if (_inflight.Count < Math.Min(quota, _options.MaximumInflight))
                {
                    var publish = new OutgoingPublish(message, NextPacketId(), _sequence++);
                    _inflight.Add(publish.PacketId, publish);
                    return publish;
                }
                _windowOpened ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                opened = _windowOpened.Task;
            }
            await opened.WaitAsync(cancellationToken);
        }
    }

    private ushort NextPacketId()
    {
        do
        {
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
        }
        while (_inflight.ContainsKey(_lastPacketId) || _requests.ContainsKey(_lastPacketId));
        return _lastPacketId;
    }

    private async Task TrySendAsync(ClientConnection connection, OutgoingPublish publish, bool duplicate, CancellationToken cancellationToken)
    {
        try
        {
            MqttPacket packet = publish.Released
                ? new AckPacket(MqttPacketType.PubRel) { PacketId = publish.PacketId }
                : new PublishPacket { Message = publish.Message, PacketId = publish.PacketId, Duplicate = duplicate };
            await connection.WriteAsync(packet, cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Stays in flight: resent after the reconnect.
        }
    }

    /// <summary>After CONNACK: what was in flight goes again, DUP set when the session was resumed (MQTT 5.0 §4.4).</summary>
    private async Task ResendAsync(ClientConnection connection, bool sessionPresent, CancellationToken cancellationToken)
    {
        List<OutgoingPublish> pending;
        lock (_gate)
        {
            pending = [.. _inflight.Values.OrderBy(p => p.Sequence)];
            if (!sessionPresent)
            {
                // A new session knows nothing of our PUBRELs: the QoS 2 exchange starts over.
                pending.ForEach(p => p.Released = false);
            }
        }
        foreach (var publish in pending)
        {
            await TrySendAsync(connection, publish, duplicate: sessionPresent, cancellationToken);
        }
    }

    private void Forget(ushort packetId)
    {
        lock (_gate)
        {
            _inflight.Remove(packetId);
            _windowOpened?.TrySetResult();
            _windowOpened = null;
        }
    }

    private void Complete(ushort packetId, MqttReasonCode reason, string? reasonString)
    {
        OutgoingPublish? publish;
        lock (_gate)
        {
            if (!_inflight.Remove(packetId, out publish))
            {
                return;
            }
            _windowOpened?.TrySetResult();
            _windowOpened = null;
        }
        publish.Completion.TrySetResult(new MqttPublishResult(reason, reasonString));
    }

    /// <summary>PUBREC: release with PUBREL, unless the broker refused the message (5.0 §4.3.3).</summary>
    private async Task OnPubRecAsync(ClientConnection connection, AckPacket ack)
    {
        if ((byte)ack.ReasonCode >= 0x80)
        {
            Complete(ack.PacketId, ack.ReasonCode, ack.ReasonString);
            return;
        }
        lock (_gate)
        {
            if (_inflight.TryGetValue(ack.PacketId, out var publish))
            {
                publish.Released = true;
            }
        }
        await connection.WriteAsync(new AckPacket(MqttPacketType.PubRel) { PacketId = ack.PacketId }, connection.Closed.Token);
    }
}
