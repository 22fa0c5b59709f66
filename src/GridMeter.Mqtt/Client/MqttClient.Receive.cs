using System.Threading.Channels;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

public sealed partial class MqttClient
{
    private readonly HashSet<ushort> _receivingQos2 = [];

    private void StartReceiving(ClientConnection connection)
    {
        var incoming = Channel.CreateUnbounded<PublishPacket>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var handled = Channel.CreateUnbounded<PendingReceive>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _ = ReadLoopAsync(connection, incoming.Writer);
        _ = DispatchAsync(connection, incoming.Reader, handled.Writer);
        _ = AcknowledgeAsync(connection, handled.Reader);
    }

    private async Task ReadLoopAsync(ClientConnection connection, ChannelWriter<PublishPacket> incoming)
    {
        Exception? error = null;
        try
        {
            var maximum = _options.MaximumPacketSize == 0 ? int.MaxValue : (int)Math.Min(int.MaxValue, _options.MaximumPacketSize);
            while (await connection.ReadAsync(maximum, connection.Closed.Token) is { } packet)
            {
                connection.MarkReceived();
                if (!await HandleAsync(connection, packet, incoming))
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            incoming.TryComplete();
            await OnConnectionLostAsync(connection, error);
        }
    }

    private async ValueTask<bool> HandleAsync(ClientConnection connection, MqttPacket packet, ChannelWriter<PublishPacket> incoming)
    {
        switch (packet)
        {
            case PublishPacket publish:
                incoming.TryWrite(publish);
                break;
            case AckPacket { Type: MqttPacketType.PubAck or MqttPacketType.PubComp } ack:
                Complete(ack.PacketId, ack.ReasonCode, ack.ReasonString);
                break;
            case AckPacket { Type: MqttPacketType.PubRec } ack:
                await OnPubRecAsync(connection, ack);
                break;
            case AckPacket { Type: MqttPacketType.PubRel } ack:
                lock (_gate)
                {
                    _receivingQos2.Remove(ack.PacketId);
                }
                await connection.WriteAsync(new AckPacket(MqttPacketType.PubComp) { PacketId = ack.PacketId }, connection.Closed.Token);
                break;
            case SubAckPacket subAck:
                Answer(subAck.PacketId, subAck);
                break;
            case UnsubAckPacket unsubAck:
                Answer(unsubAck.PacketId, unsubAck);
                break;
            case DisconnectPacket disconnect:
                _logger.DisconnectedByBroker(_clientId, disconnect.ReasonCode);
                return false;
            case PingPacket:
                break;
            default:
                return false;
        }
        return true;
    }

    /// <summary>Starts handlers in receive order, at most ReceiveMaximum at once; a repeated QoS 2 id is not handled twice.</summary>
    private async Task DispatchAsync(ClientConnection connection, ChannelReader<PublishPacket> incoming, ChannelWriter<PendingReceive> handled)
    {
        var slots = new SemaphoreSlim(_options.ReceiveMaximum);
        var token = connection.Closed.Token;
        try
        {
            await foreach (var publish in incoming.ReadAllAsync(token))
            {
                bool repeat;
                lock (_gate)
                {
                    repeat = publish.Message.QualityOfService == MqttQualityOfService.ExactlyOnce && _receivingQos2.Contains(publish.PacketId);
                }
                var task = Task.CompletedTask;
                if (!repeat)
                {
                    await slots.WaitAsync(token);
                    task = RunHandlerAsync(publish, slots, token);
                }
                handled.TryWrite(new PendingReceive(publish, task));
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
        finally
        {
            handled.TryComplete();
        }
    }

    private async Task RunHandlerAsync(PublishPacket publish, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            if (ReceiveHandler is { } handler)
            {
                await handler(new MqttReceivedMessage(publish.Message, publish.Duplicate, publish.SubscriptionIdentifiers), cancellationToken);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>PUBACK / PUBREC strictly in receive order, each once its handler is done (MQTT 3.1.1 §4.6).</summary>
    private async Task AcknowledgeAsync(ClientConnection connection, ChannelReader<PendingReceive> handled)
    {
        try
        {
            await foreach (var item in handled.ReadAllAsync(connection.Closed.Token))
            {
                try
                {
                    await item.Handled;
                }
                catch (Exception e)
                {
                    _logger.HandlerFailed(e, _clientId, item.Packet.Message.Topic);
                    connection.Abort();
                    return;
                }
                var packet = item.Packet;
                if (packet.Message.QualityOfService == MqttQualityOfService.AtLeastOnce)
                {
                    await connection.WriteAsync(new AckPacket(MqttPacketType.PubAck) { PacketId = packet.PacketId }, connection.Closed.Token);
                }
                else if (packet.Message.QualityOfService == MqttQualityOfService.ExactlyOnce)
                {
                    lock (_gate)
                    {
                        _receivingQos2.Add(packet.PacketId);
                    }
                    await connection.WriteAsync(new AckPacket(MqttPacketType.PubRec) { PacketId = packet.PacketId }, connection.Closed.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection ended; unacknowledged messages come again.
        }
    }

    private async Task OnConnectionLostAsync(ClientConnection connection, Exception? error)
    {
        var wasCurrent = Interlocked.CompareExchange(ref _connection, null, connection) == connection;
        await connection.DisposeAsync();
        if (!wasCurrent)
        {
            return;
        }
        FailPendingRequests(new MqttClientException("the connection was lost", error ?? new IOException("closed by the broker")));
        _logger.ConnectionLost(error, _clientId);
        Disconnected?.Invoke(this, new MqttClientConnectionEventArgs(null, error));
        if (!_stopping && _options.AutoReconnect)
        {
            _ = ReconnectAsync();
        }
    }
}
