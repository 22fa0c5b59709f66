using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

internal sealed partial class MqttServerConnection
{
    private async ValueTask HandleConnectAsync(ConnectPacket connect)
    {
        Version = connect.ProtocolVersion;
        var options = _broker.Options;
        var clientId = connect.ClientId;
        string? assignedId = null;
        if (connect.AuthenticationMethod is not null)
        {
            // No enhanced authentication here (MQTT 5.0 §4.12): refuse the method.
            RefuseConnect(MqttReasonCode.BadAuthenticationMethod);
            return;
        }
        if (clientId.Length == 0)
        {
            if (Version == MqttProtocolVersion.V311 && !connect.CleanStart)
            {
                RefuseConnect(MqttReasonCode.ClientIdentifierNotValid); // 3.1.1 §3.1.3-8
                return;
            }
            // 3.1.1 §3.1.3-6 and 5.0 §3.1.3.1: the server assigns a unique id (5.0 returns it in CONNACK).
            clientId = "gm-" + Guid.NewGuid().ToString("N");
            assignedId = Version == MqttProtocolVersion.V500 ? clientId : null;
        }
        if (!options.AllowAnonymous && connect.Username is null)
        {
            RefuseConnect(MqttReasonCode.NotAuthorized);
            return;
        }
        var verdict = await AuthenticateAsync(connect, clientId);
        if (!verdict.Accepted)
        {
            RefuseConnect(verdict.ReasonCode);
            return;
        }
        Client = new MqttClientContext
        {
            ConnectionId = ConnectionId,
            ClientId = clientId,
            Username = connect.Username,
            ProtocolVersion = Version,
            RemoteEndPoint = _transport.RemoteEndPoint,
            Identity = verdict.Identity,
            IsAnonymous = connect.Username is null && connect.Password is null,
        };
        Accept(connect, assignedId);
        await _broker.NotifyOpenedAsync(Client, Aborted);
    }

    private async ValueTask<MqttAuthenticationResult> AuthenticateAsync(ConnectPacket connect, string clientId)
    {
        var request = new MqttConnectRequest
        {
            ClientId = clientId,
            Username = connect.Username,
            Password = connect.Password,
            ProtocolVersion = Version,
            RemoteEndPoint = _transport.RemoteEndPoint,
            CleanStart = connect.CleanStart,
        };
        try
        {
            return await _broker.Hooks.AuthenticateAsync(request, Aborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.HookFailed(e, nameof(IMqttBrokerHooks.AuthenticateAsync), clientId);
            return MqttAuthenticationResult.Refuse(MqttReasonCode.ServerUnavailable);
        }
    }

    private void Accept(ConnectPacket connect, string? assignedId)
    {
        var options = _broker.Options;
        var v5 = Version == MqttProtocolVersion.V500;
        var keepAlive = (int)connect.KeepAliveSeconds;
        ushort? serverKeepAlive = null;
        if (v5 && options.MaximumKeepAliveSeconds > 0 && (keepAlive == 0 || keepAlive > options.MaximumKeepAliveSeconds))
        {
            // MQTT 5.0 §3.2.2.3.14: the server's keep alive replaces the client's.
            keepAlive = options.MaximumKeepAliveSeconds;
            serverKeepAlive = (ushort)keepAlive;
        }
        KeepAliveTicks = (long)(keepAlive * 1.5 * _broker.Time.TimestampFrequency);
        var requestedExpiry = v5 ? connect.SessionExpiryInterval : connect.CleanStart ? 0u : uint.MaxValue;
        var expiry = (uint)Math.Min(requestedExpiry, options.MaximumSessionExpirySeconds);
        SendQuota = Math.Min(options.MaximumInflightMessages, connect.ReceiveMaximum);
        _clientMaximumPacketSize = connect.MaximumPacketSize;
        _outboundAliasMaximum = connect.TopicAliasMaximum;
        _requestProblemInformation = connect.RequestProblemInformation;
        _inboundAliasMaximum = v5 ? options.TopicAliasMaximum : 0;
        _will = connect.Will;
        var (session, present) = _broker.AttachSession(this, Client!.ClientId, connect.CleanStart, expiry, sessionPresent =>
        {
            _connected = true;
            Send(OutboundItem.Control(new ConnAckPacket
            {
                SessionPresent = sessionPresent,
                ReasonCode = MqttReasonCode.Success,
                AssignedClientIdentifier = assignedId,
                ServerKeepAlive = serverKeepAlive,
                SessionExpiryInterval = v5 && expiry != requestedExpiry ? expiry : null,
                ReceiveMaximum = options.ReceiveMaximum < ushort.MaxValue ? (ushort)options.ReceiveMaximum : null,
                MaximumPacketSize = (uint)options.MaximumPacketSize,
                TopicAliasMaximum = options.TopicAliasMaximum > 0 ? (ushort)options.TopicAliasMaximum : null,
            }), deferKick: true);
        });
        Session = session;
        Logger.ClientConnected(Client.ClientId, _transport.RemoteEndPoint, Version, present);
        session.Resume(this);
    }

    private void RefuseConnect(MqttReasonCode reason)
    {
        Logger.ConnectRefused(ConnectionId, _transport.RemoteEndPoint, reason);
        Send(OutboundItem.Control(new ConnAckPacket { ReasonCode = reason }), deferKick: true);
        _closeRequested = true;
    }

    /// <summary>A CONNECT that could not be decoded (MQTT 5.0 §4.13.1, 3.1.1 §3.1.2-2).</summary>
    private void SendConnectFailure(MqttProtocolException e)
    {
        if (e.ReasonCode == MqttReasonCode.UnsupportedProtocolVersion && e.ProtocolVersion is null)
        {
            Version = MqttProtocolVersion.V311;
            Send(OutboundItem.Control(new ConnAckPacket { ReasonCode = MqttReasonCode.UnsupportedProtocolVersion }), deferKick: true);
        }
        else if (e.ProtocolVersion == MqttProtocolVersion.V500)
        {
            Version = MqttProtocolVersion.V500;
            Send(OutboundItem.Control(new ConnAckPacket { ReasonCode = e.ReasonCode }), deferKick: true);
        }
    }
}
