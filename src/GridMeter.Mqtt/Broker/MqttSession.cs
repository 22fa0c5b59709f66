using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>
/// The state of one client id that outlives a connection (MQTT 5.0 §4.1): subscriptions, QoS 1/2 messages
/// in flight, messages queued while offline or while the in-flight window is full, and QoS 2 packet ids
/// received but not yet released. Guarded by <see cref="Gate"/>; a connection's outbound lock may be taken
/// inside it, never the other way round.
/// </summary>
internal sealed class MqttSession(string clientId, MqttBroker broker)
{
    private Dictionary<ushort, InflightMessage>? _inflight;
    private Queue<Delivery>? _queue;
    private HashSet<ushort>? _receivedQos2;
    private ushort _lastPacketId;
    private long _sequence;
    private long _dropped;
    private bool _online;

    public Lock Gate { get; } = new();

    public string ClientId { get; } = clientId;

    public Dictionary<string, SessionSubscription> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>The connection that owns the session now; null while offline.</summary>
    public MqttServerConnection? Connection { get; set; }

    public bool IsOnline => Volatile.Read(ref _online);

    /// <summary>Seconds the session lives after its connection closes (0 = ends with it).</summary>
    public uint ExpiryInterval { get; set; }

    /// <summary>Counts attachments, so a timer started for one absence does not act on a later one.</summary>
    public int Generation { get; set; }

    public bool Ended { get; set; }

    public ITimer? ExpiryTimer { get; set; }

    public ITimer? WillTimer { get; set; }

    /// <summary>A will waiting for its delay (MQTT 5.0 §3.1.3.2.2).</summary>
    public (MqttClientContext Client, MqttWill Will)? PendingWill { get; set; }

    public int QueuedCount
    {
        get
        {
            lock (Gate)
            {
                return _queue?.Count ?? 0;
            }
        }
    }

    private int QueueCount => _queue?.Count ?? 0;

    private int InflightCount => _inflight?.Count ?? 0;

    /// <summary>The identity its owner authenticated with; kept while offline, for queued deliveries.</summary>
    public object? Identity { get; private set; }

    public void SetOnline(MqttServerConnection? connection)
    {
        Connection = connection;
        if (connection?.Client is { } client)
        {
            Identity = client.Identity;
        }
        Volatile.Write(ref _online, connection is not null);
    }

    /// <summary>Sends, or queues while offline or while the in-flight window is full; QoS 0 is never queued.</summary>
    public void Deliver(in Delivery delivery)
    {
        lock (Gate)
        {
            if (Ended)
            {
                return;
            }
            var connection = Connection;
            if (connection is not null && !connection.Fits(delivery))
            {
                return;
            }
            if (delivery.Qos == MqttQualityOfService.AtMostOnce)
            {
                connection?.SendPublish(delivery, 0, duplicate: false);
                return;
            }
            if (connection is not null && QueueCount == 0 && InflightCount < connection.SendQuota)
            {
                SendNew(connection, delivery);
                return;
            }
            _queue ??= new Queue<Delivery>();
            if (_queue.Count >= broker.Options.MaximumQueuedMessagesPerSession)
            {
                // MQTT 5.0 §4.1: the server may bound what it keeps for a session; the oldest message goes first.
                _queue.Dequeue();
                broker.CountDropped();
                if (_dropped++ % 1000 == 0)
                {
                    broker.Logger.SessionQueueFull(ClientId, broker.Options.MaximumQueuedMessagesPerSession, _dropped);
                }
            }
            _queue.Enqueue(delivery);
        }
    }

    private void SendNew(MqttServerConnection connection, in Delivery delivery)
    {
        var packetId = NextPacketId();
        (_inflight ??= []).Add(packetId, new InflightMessage(packetId, delivery, _sequence++));
        connection.SendPublish(delivery, packetId, duplicate: false);
    }

    private ushort NextPacketId()
    {
        do
        {
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
        }
        while (_inflight?.ContainsKey(_lastPacketId) == true);
        return _lastPacketId;
    }

    /// <summary>After CONNACK on a resumed session: resend what was in flight, in order, then the queue (§4.4).</summary>
    public void Resume(MqttServerConnection connection)
    {
        lock (Gate)
        {
            if (_inflight is { Count: > 0 })
            {
                foreach (var message in _inflight.Values.OrderBy(m => m.Sequence))
                {
                    if (message.Released)
                    {
                        connection.SendAck(MqttPacketType.PubRel, message.PacketId, MqttReasonCode.Success);
                    }
                    else
                    {
                        connection.SendPublish(message.Delivery, message.PacketId, duplicate: true);
                    }
                }
            }
            Pump(connection);
        }
    }

    private void Pump(MqttServerConnection connection)
    {
        while (_queue is { Count: > 0 } && InflightCount < connection.SendQuota)
        {
            var delivery = _queue.Dequeue();
            if (!broker.IsExpired(delivery.Message) && connection.Fits(delivery))
            {
                SendNew(connection, delivery);
            }
        }
    }

    /// <summary>PUBACK, or PUBCOMP: the exchange is complete and the window has room again.</summary>
    public void Complete(ushort packetId)
    {
        lock (Gate)
        {
            if (_inflight?.Remove(packetId) == true && Connection is { } connection)
            {
                Pump(connection);
            }
        }
    }

    /// <summary>PUBREC: answer PUBREL, unless the client refused the message (5.0 §4.3.3: reason ≥ 0x80 ends it).</summary>
    public bool Received(ushort packetId, MqttReasonCode reason)
    {
        lock (Gate)
        {
            if (_inflight is null || !_inflight.TryGetValue(packetId, out var message))
            {
                return false;
            }
            if ((byte)reason >= 0x80)
            {
                Complete(packetId);
                return false;
            }
            message.Released = true;
            return true;
        }
    }

    /// <summary>An inbound QoS 2 id was acknowledged with PUBREC; a repeat of it must not be routed twice.</summary>
    public bool IsReceivingQos2(ushort packetId)
    {
        lock (Gate)
        {
            return _receivedQos2?.Contains(packetId) == true;
        }
    }

    public void MarkReceivingQos2(ushort packetId)
    {
        lock (Gate)
        {
            (_receivedQos2 ??= []).Add(packetId);
        }
    }

    public bool ReleaseQos2(ushort packetId)
    {
        lock (Gate)
        {
            return _receivedQos2?.Remove(packetId) == true;
        }
    }
}
