using System.Buffers;
using System.IO.Pipelines;
using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace GridMeter.Mqtt.Broker;

/// <summary>
/// One client's network connection: reads packets off the Kestrel pipe, answers them, and writes what the
/// broker sends through an ordered outbound queue. The read loop is the only reader; the outbound queue
/// has one writer at a time.
/// </summary>
internal sealed partial class MqttServerConnection
{
    private readonly MqttBroker _broker;
    private readonly ConnectionContext _transport;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private long _lastReceived;
    private volatile bool _closeRequested;
    private MqttReasonCode _closeReason = MqttReasonCode.UnspecifiedError;
    private bool _sendDisconnect;
    private bool _connected;
    private MqttWill? _will;

    public MqttServerConnection(MqttBroker broker, ConnectionContext transport)
    {
        _broker = broker;
        _transport = transport;
        _input = transport.Transport.Input;
        _output = transport.Transport.Output;
        AcceptedAt = _lastReceived = broker.Time.GetTimestamp();
    }

    public string ConnectionId => _transport.ConnectionId;

    public MqttProtocolVersion Version { get; private set; } = MqttProtocolVersion.V311;

    public MqttSession? Session { get; private set; }

    public MqttClientContext? Client { get; private set; }

    public long AcceptedAt { get; }

    public long LastReceived => Volatile.Read(ref _lastReceived);

    /// <summary>1.5 × the keep alive in timestamp ticks (MQTT 5.0 §3.1.2.10); 0 when keep alive is off.</summary>
    public long KeepAliveTicks { get; private set; }

    public bool IsConnected => _connected;

    private ILogger Logger => _broker.Logger;

    private CancellationToken Aborted => _transport.ConnectionClosed;

    /// <summary>The read loop: one async method per connection, so an idle connection holds one suspended state machine.</summary>
    public async Task RunAsync()
    {
        _broker.Register(this);
        try
        {
            while (!_closeRequested)
            {
                // No token: Kestrel completes the input when the connection goes, and an idle read then
                // holds no cancellation registration (memory per idle device).
                var result = await _input.ReadAsync();
                var buffer = result.Buffer;
                try
                {
                    while (!_closeRequested && TryReadPacket(ref buffer, out var header, out var body))
                    {
                        Volatile.Write(ref _lastReceived, _broker.Time.GetTimestamp());
                        var handled = HandlePacketAsync(header, body);
                        if (!handled.IsCompletedSuccessfully)
                        {
                            KickOutput();
                            await handled;
                        }
                    }
                }
                catch (MqttProtocolException e)
                {
                    OnViolation(e);
                }
                finally
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }
                KickOutput();
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or ConnectionResetException or InvalidOperationException)
        {
            // The peer went away or the transport was torn down; the will and the session take care of the rest.
        }
        catch (Exception e)
        {
            Logger.ConnectionFailed(e, ConnectionId);
        }
        finally
        {
            await CloseAsync();
        }
    }

    /// <summary>Asks the read loop to stop; the connection then closes with <paramref name="reason"/> (5.0: in a DISCONNECT).</summary>
    public void RequestClose(MqttReasonCode reason)
    {
        if (_closeRequested)
        {
            return;
        }
        _closeReason = reason;
        _sendDisconnect = true;
        _closeRequested = true;
        _input.CancelPendingRead();
    }

    private bool TryReadPacket(ref ReadOnlySequence<byte> buffer, out MqttFixedHeader header, out ReadOnlySequence<byte> body)
    {
        body = default;
        if (!MqttDecoder.TryReadFixedHeader(buffer, _broker.Options.MaximumPacketSize, out header) || buffer.Length < header.TotalLength)
        {
            return false;
        }
        body = buffer.Slice(header.HeaderLength, header.RemainingLength);
        buffer = buffer.Slice(header.TotalLength);
        return true;
    }

    private ValueTask HandlePacketAsync(MqttFixedHeader header, ReadOnlySequence<byte> body)
    {
        if (!_connected)
        {
            if (header.Type != MqttPacketType.Connect)
            {
                // MQTT 3.1.1 §3.1.0-1 / 5.0 §3.1: the first packet must be CONNECT; anything else closes.
                throw MqttProtocolException.ProtocolError($"{header.Type} before CONNECT");
            }
            return HandleConnectAsync(Decode(body, header, static (h, span, _) => MqttDecoder.DecodeConnect(h.Flags, span)));
        }
        switch (header.Type)
        {
            case MqttPacketType.Publish:
                return HandlePublish(header, body);
            case MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp:
                HandleAck(header, body);
                return default;
            case MqttPacketType.PingReq:
                MqttDecoder.DecodePing(header.Type, header.Flags, body.IsSingleSegment ? body.FirstSpan : body.ToArray());
                Send(OutboundItem.Control(PingPacket.Response), deferKick: true);
                return default;
            case MqttPacketType.Subscribe:
                return HandleSubscribeAsync(Decode(body, header, static (h, span, v) => MqttDecoder.DecodeSubscribe(h.Flags, span, v)));
            case MqttPacketType.Unsubscribe:
                return HandleUnsubscribeAsync(Decode(body, header, static (h, span, v) => MqttDecoder.DecodeUnsubscribe(h.Flags, span, v)));
            case MqttPacketType.Disconnect:
                return HandleDisconnectAsync(Decode(body, header, static (h, span, v) => MqttDecoder.DecodeDisconnect(h.Flags, span, v)));
            case MqttPacketType.Connect:
                throw MqttProtocolException.ProtocolError("second CONNECT"); // 3.1.1 §3.1.0-2, 5.0 §3.1.0-2
            case MqttPacketType.Auth:
                Decode(body, header, static (h, span, v) => MqttDecoder.DecodeAuth(h.Flags, span, v));
                throw MqttProtocolException.ProtocolError("AUTH without an authentication method in CONNECT"); // 5.0 §4.12
            default:
                throw MqttProtocolException.ProtocolError($"a client may not send {header.Type}");
        }
    }

    private delegate T SpanDecoder<T>(MqttFixedHeader header, ReadOnlySpan<byte> body, MqttProtocolVersion version);

    /// <summary>Decodes from the pipe's memory, copying only a body that spans segments.</summary>
    private T Decode<T>(in ReadOnlySequence<byte> body, MqttFixedHeader header, SpanDecoder<T> decoder)
    {
        if (body.IsSingleSegment)
        {
            return decoder(header, body.FirstSpan, Version);
        }
        var length = (int)body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return decoder(header, rented.AsSpan(0, length), Version);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void OnViolation(MqttProtocolException e)
    {
        Logger.ProtocolViolation(ConnectionId, _transport.RemoteEndPoint, e.ReasonCode, e.Message);
        if (!_connected)
        {
            SendConnectFailure(e);
        }
        else
        {
            // MQTT 5.0 §4.13.1: tell a 5.0 client why in a DISCONNECT; 3.1.1 just closes.
            _closeReason = e.ReasonCode;
            _sendDisconnect = true;
        }
        _closeRequested = true;
    }
}
