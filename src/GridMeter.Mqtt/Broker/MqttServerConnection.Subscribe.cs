using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

internal sealed partial class MqttServerConnection
{
    private async ValueTask HandleSubscribeAsync(SubscribePacket packet)
    {
        // Publishes received before this SUBSCRIBE are routed first, so their retained state is current.
        await WaitInboundAsync(untilIdle: true);
        var codes = new MqttReasonCode[packet.Subscriptions.Count];
        List<SessionSubscription>? retained = null;
        for (var i = 0; i < codes.Length; i++)
        {
            var requested = packet.Subscriptions[i];
            var (code, subscription) = await SubscribeAsync(requested, packet.SubscriptionIdentifier);
            codes[i] = code;
            if (subscription is not null)
            {
                (retained ??= []).Add(subscription);
            }
        }
        Send(OutboundItem.Control(new SubAckPacket { PacketId = packet.PacketId, ReasonCodes = codes }), deferKick: true);
        if (retained is not null)
        {
            foreach (var subscription in retained)
            {
                _broker.SendRetained(subscription);
            }
        }
    }

    /// <summary>One filter: its reason code, and the subscription when retained messages are due (MQTT 5.0 §3.8.3.1).</summary>
    private async ValueTask<(MqttReasonCode, SessionSubscription?)> SubscribeAsync(MqttSubscription requested, uint subscriptionId)
    {
        var v5 = Version == MqttProtocolVersion.V500;
        var topicFilter = requested.TopicFilter;
        string? group = null;
        if (MqttTopic.TryParseShared(requested.TopicFilter, out var shareGroup, out var inner, out var valid))
        {
            if (!valid)
            {
                return (v5 ? MqttReasonCode.TopicFilterInvalid : MqttReasonCode.UnspecifiedError, null);
            }
            if (requested.NoLocal)
            {
                throw MqttProtocolException.ProtocolError("No Local on a shared subscription"); // 5.0 §3.8.3.1
            }
            group = shareGroup;
            topicFilter = inner;
        }
        else if (!MqttTopic.IsValidFilter(topicFilter))
        {
            return (v5 ? MqttReasonCode.TopicFilterInvalid : MqttReasonCode.UnspecifiedError, null);
        }
        if (!await _broker.AuthorizeSubscribeAsync(Client!, topicFilter, Aborted))
        {
            return (v5 ? MqttReasonCode.NotAuthorized : MqttReasonCode.UnspecifiedError, null);
        }
        var result = _broker.Subscribe(Session!, requested, topicFilter, group, subscriptionId);
        if (result is null)
        {
            return (v5 ? MqttReasonCode.QuotaExceeded : MqttReasonCode.UnspecifiedError, null);
        }
        var (subscription, isNew) = result.Value;
        var sendRetained = group is null && requested.RetainHandling switch
        {
            MqttRetainHandling.SendAtSubscribe => true,
            MqttRetainHandling.SendAtSubscribeIfNew => isNew,
            _ => false,
        };
        return ((MqttReasonCode)requested.MaximumQualityOfService, sendRetained ? subscription : null);
    }

    private async ValueTask HandleUnsubscribeAsync(UnsubscribePacket packet)
    {
        await WaitInboundAsync(untilIdle: true);
        var codes = new MqttReasonCode[packet.TopicFilters.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = _broker.Unsubscribe(Session!, packet.TopicFilters[i]) ? MqttReasonCode.Success : MqttReasonCode.NoSubscriptionExisted;
        }
        Send(OutboundItem.Control(new UnsubAckPacket { PacketId = packet.PacketId, ReasonCodes = codes }), deferKick: true);
    }

    private async ValueTask HandleDisconnectAsync(DisconnectPacket packet)
    {
        await WaitInboundAsync(untilIdle: true);
        if (packet.SessionExpiryInterval is { } expiry && Session is { } session)
        {
            if (session.ExpiryInterval == 0 && expiry != 0)
            {
                // MQTT 5.0 §3.14.2.2.2: a session that was to end with the connection cannot be extended now.
                throw MqttProtocolException.ProtocolError("session expiry set on DISCONNECT after 0 in CONNECT");
            }
            lock (session.Gate)
            {
                session.ExpiryInterval = (uint)Math.Min(expiry, _broker.Options.MaximumSessionExpirySeconds);
            }
        }
        // 5.0 §3.14.4: a normal DISCONNECT discards the will; reason 0x04 asks for it to be published.
        _closeReason = packet.ReasonCode;
        _sendDisconnect = false;
        _closeRequested = true;
    }

    private async Task CloseAsync()
    {
        _closeRequested = true;
        if (_connected && _sendDisconnect && Version == MqttProtocolVersion.V500 && (byte)_closeReason >= 0x80)
        {
            Send(OutboundItem.Control(new DisconnectPacket { ReasonCode = _closeReason }), deferKick: true);
        }
        try
        {
            await FlushOutputAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            // A peer that reads nothing does not hold the close up.
        }
        CloseOutput();
        await _output.CompleteAsync();
        _broker.Unregister(this);
        if (!_connected || Client is null)
        {
            return;
        }
        var will = _closeReason == MqttReasonCode.Success ? null : _will;
        Logger.ClientDisconnected(Client.ClientId, _closeReason);
        _broker.DetachSession(this, Client, will);
        await _broker.NotifyClosedAsync(Client, _closeReason);
    }
}
