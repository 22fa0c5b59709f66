using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

internal sealed partial class MqttServerConnection
{
    private static readonly Action<MqttServerConnection> StartDrain = static c => _ = c.DrainAsync();

    private readonly Lock _outLock = new();
    private Queue<OutboundItem>? _outQueue;
    private bool _draining;
    private bool _outputClosed;
    private long _outBytes;
    private long _droppedQos0;
    private TaskCompletionSource? _outputIdle;
    private uint _clientMaximumPacketSize;
    private ushort _outboundAliasMaximum;
    private Dictionary<string, ushort>? _outboundAliases;
    private bool _requestProblemInformation = true;
    private static readonly string?[] NoAliases = [null];
    private string?[]? _inboundAliases;
    private int _inboundAliasMaximum;

    /// <summary>How many QoS 1 and 2 publishes may be unacknowledged towards this client (MQTT 5.0 §4.9).</summary>
    public int SendQuota { get; private set; } = 1;

    public void SendPublish(in Delivery delivery, ushort packetId, bool duplicate) =>
        Send(OutboundItem.Publish(delivery, packetId, duplicate), deferKick: false);

    public void SendAck(MqttPacketType type, ushort packetId, MqttReasonCode reason, string? reasonString = null, bool deferKick = false) =>
        Send(OutboundItem.Ack(type, packetId, reason, _requestProblemInformation ? reasonString : null), deferKick);

    /// <summary>Whether the client's Maximum Packet Size lets this message through (MQTT 5.0 §3.1.2.11.4: otherwise it is dropped).</summary>
    public bool Fits(in Delivery delivery)
    {
        if (_clientMaximumPacketSize == 0)
        {
            return true;
        }
        var size = MqttEncoder.MeasurePublish(delivery.Message, new OutboundPublish(delivery.Qos, delivery.Retain, 1, false,
            ExpiryInterval: delivery.Message.MessageExpiryInterval, SubscriptionIdentifiers: delivery.SubscriptionIdentifiers), Version);
        if (size <= _clientMaximumPacketSize)
        {
            return true;
        }
        Logger.TooLargeForClient(Client?.ClientId ?? ConnectionId, delivery.Message.Topic, _clientMaximumPacketSize);
        return false;
    }

    /// <summary>
    /// Queues a packet. The read loop defers the write until it has handled a whole read (so acks go out in
    /// batches); everyone else has the queue drained on the thread pool, never inside their own locks.
    /// </summary>
    private void Send(in OutboundItem item, bool deferKick)
    {
        bool start;
        lock (_outLock)
        {
            if (_outputClosed)
            {
                return;
            }
            if (item.IsPublish && item.Delivery.Qos == MqttQualityOfService.AtMostOnce && _outBytes > _broker.Options.MaximumOutboundQueueBytes)
            {
                // A client that does not read: QoS 0 promises nothing, so its messages go rather than memory.
                _broker.CountDropped();
                if (_droppedQos0++ % 1000 == 0)
                {
                    Logger.SlowConsumerDropped(Client?.ClientId ?? ConnectionId, _droppedQos0);
                }
                return;
            }
            (_outQueue ??= new Queue<OutboundItem>()).Enqueue(item);
            _outBytes += item.Weight;
            start = !deferKick && !_draining;
            _draining |= start;
        }
        if (start)
        {
            ThreadPool.UnsafeQueueUserWorkItem(StartDrain, this, preferLocal: false);
        }
    }

    /// <summary>Starts writing what the read loop queued, on the read loop's own thread.</summary>
    private void KickOutput()
    {
        lock (_outLock)
        {
            if (_draining || _outputClosed || _outQueue is not { Count: > 0 })
            {
                return;
            }
            _draining = true;
        }
        _ = DrainAsync();
    }

    private async Task DrainAsync()
    {
        try
        {
            while (true)
            {
                var written = 0;
                while (written < 256 && TryDequeue(out var item))
                {
                    Write(item);
                    written++;
                }
                if (written > 0)
                {
                    var flushed = await _output.FlushAsync();
                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        CloseOutput();
                        return;
                    }
                }
                lock (_outLock)
                {
                    if (_outQueue is not { Count: > 0 })
                    {
                        _draining = false;
                        _outputIdle?.TrySetResult();
                        _outputIdle = null;
                        return;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            CloseOutput();
            RequestClose(MqttReasonCode.UnspecifiedError);
        }
    }

    private bool TryDequeue(out OutboundItem item)
    {
        lock (_outLock)
        {
            if (_outQueue is not null && _outQueue.TryDequeue(out item))
            {
                _outBytes -= item.Weight;
                return true;
            }
            item = default;
            return false;
        }
    }

    private void Write(in OutboundItem item)
    {
        if (item.IsPublish)
        {
            WritePublish(item);
        }
        else if (item.Packet is { } packet)
        {
            MqttEncoder.Write(_output, packet, Version);
        }
        else
        {
            MqttEncoder.WriteAck(_output, item.AckType, item.PacketId, item.Reason, Version, item.ReasonString);
        }
    }

    private void WritePublish(in OutboundItem item)
    {
        var delivery = item.Delivery;
        var message = delivery.Message;
        uint? expiry = null;
        if (message.MessageExpiryInterval is { } interval)
        {
            // MQTT 5.0 §3.3.2.3.3: forward the lifetime that is left.
            var left = (long)interval - (long)_broker.Time.GetElapsedTime(message.ReceivedTimestamp).TotalSeconds;
            if (left <= 0 && delivery.Qos == MqttQualityOfService.AtMostOnce)
            {
                return;
            }
            expiry = (uint)Math.Max(1, left);
        }
        var (alias, omitTopic) = TopicAliasFor(message.Topic);
        var publish = new OutboundPublish(delivery.Qos, delivery.Retain, item.PacketId, item.Duplicate, alias, omitTopic, expiry, delivery.SubscriptionIdentifiers);
        MqttEncoder.WritePublish(_output, message, publish, Version);
    }

    /// <summary>MQTT 5.0 §3.3.2.3.4: the first message on a topic sets an alias, later ones send only the alias.</summary>
    private (ushort Alias, bool OmitTopic) TopicAliasFor(string topic)
    {
        if (_outboundAliasMaximum == 0 || Version != MqttProtocolVersion.V500)
        {
            return (0, false);
        }
        _outboundAliases ??= new Dictionary<string, ushort>(StringComparer.Ordinal);
        if (_outboundAliases.TryGetValue(topic, out var alias))
        {
            return (alias, true);
        }
        if (_outboundAliases.Count >= _outboundAliasMaximum)
        {
            return (0, false);
        }
        alias = (ushort)(_outboundAliases.Count + 1);
        _outboundAliases.Add(topic, alias);
        return (alias, false);
    }

    /// <summary>
    /// Called by the broker's once-a-second sweep: an idle connection gives its queue back, so 10,000 idle
    /// devices cost little memory while a busy one keeps reusing its queue.
    /// </summary>
    public void TrimIdle()
    {
        lock (_outLock)
        {
            if (!_draining && _outQueue is { Count: 0 })
            {
                _outQueue = null;
            }
        }
    }

    private void CloseOutput()
    {
        lock (_outLock)
        {
            _outputClosed = true;
            _outQueue = null;
            _outputIdle?.TrySetResult();
            _outputIdle = null;
        }
    }

    /// <summary>Waits until everything queued is handed to the transport (or the time is up).</summary>
    private async Task FlushOutputAsync(TimeSpan timeout)
    {
        Task idle;
        lock (_outLock)
        {
            if (_outputClosed || (!_draining && _outQueue is not { Count: > 0 }))
            {
                return;
            }
            _outputIdle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _outputIdle.Task;
        }
        KickOutput();
        // A safety bound on closing, in real time: it is no protocol timer.
        await idle.WaitAsync(timeout).ConfigureAwait(false);
    }
}
