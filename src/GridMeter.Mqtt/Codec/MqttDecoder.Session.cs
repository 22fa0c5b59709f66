using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

public static partial class MqttDecoder
{
    private static readonly ulong ConnAckProperties = MqttProperties.Mask(
        MqttPropertyId.SessionExpiryInterval, MqttPropertyId.ReceiveMaximum, MqttPropertyId.MaximumQos,
        MqttPropertyId.RetainAvailable, MqttPropertyId.MaximumPacketSize, MqttPropertyId.AssignedClientIdentifier,
        MqttPropertyId.TopicAliasMaximum, MqttPropertyId.ReasonString, MqttPropertyId.WildcardSubscriptionAvailable,
        MqttPropertyId.SubscriptionIdentifierAvailable, MqttPropertyId.SharedSubscriptionAvailable,
        MqttPropertyId.ServerKeepAlive, MqttPropertyId.ResponseInformation, MqttPropertyId.ServerReference,
        MqttPropertyId.AuthenticationMethod, MqttPropertyId.AuthenticationData);

    private static readonly ulong DisconnectProperties = MqttProperties.Mask(
        MqttPropertyId.SessionExpiryInterval, MqttPropertyId.ReasonString, MqttPropertyId.ServerReference);

    private static readonly ulong AuthProperties = MqttProperties.Mask(
        MqttPropertyId.AuthenticationMethod, MqttPropertyId.AuthenticationData, MqttPropertyId.ReasonString);

    public static ConnAckPacket DecodeConnAck(byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        RequireFlags(flags, 0);
        var reader = new MqttReader(body);
        var ackFlags = reader.ReadByte();
        if ((ackFlags & 0xFE) != 0)
        {
            throw MqttProtocolException.Malformed("CONNACK reserved flags set"); // 3.1.1 §3.2.2.1
        }
        var code = reader.ReadByte();
        var p = default(MqttProperties);
        MqttReasonCode reason;
        if (version == MqttProtocolVersion.V500)
        {
            reason = (MqttReasonCode)code;
            ReadProperties(ref reader, ConnAckProperties, ref p);
        }
        else
        {
            reason = ReturnCodes.FromConnAck(code);
        }
        RequireEnd(ref reader);
        return new ConnAckPacket
        {
            SessionPresent = (ackFlags & 0x01) != 0,
            ReasonCode = reason,
            SessionExpiryInterval = p.Has(MqttPropertyId.SessionExpiryInterval) ? p.SessionExpiryInterval : null,
            ReceiveMaximum = p.Has(MqttPropertyId.ReceiveMaximum) ? p.ReceiveMaximum : null,
            MaximumQualityOfService = p.Has(MqttPropertyId.MaximumQos) ? (MqttQualityOfService)p.MaximumQos : null,
            RetainAvailable = p.Has(MqttPropertyId.RetainAvailable) ? p.RetainAvailable == 1 : null,
            MaximumPacketSize = p.Has(MqttPropertyId.MaximumPacketSize) ? p.MaximumPacketSize : null,
            AssignedClientIdentifier = p.AssignedClientIdentifier,
            TopicAliasMaximum = p.Has(MqttPropertyId.TopicAliasMaximum) ? p.TopicAliasMaximum : null,
            ReasonString = p.ReasonString,
            WildcardSubscriptionAvailable = p.Has(MqttPropertyId.WildcardSubscriptionAvailable) ? p.WildcardSubscriptionAvailable == 1 : null,
            SubscriptionIdentifiersAvailable = p.Has(MqttPropertyId.SubscriptionIdentifierAvailable) ? p.SubscriptionIdentifierAvailable == 1 : null,
            SharedSubscriptionAvailable = p.Has(MqttPropertyId.SharedSubscriptionAvailable) ? p.SharedSubscriptionAvailable == 1 : null,
            ServerKeepAlive = p.Has(MqttPropertyId.ServerKeepAlive) ? p.ServerKeepAlive : null,
            ResponseInformation = p.ResponseInformation,
            ServerReference = p.ServerReference,
            UserProperties = p.UserPropertyList,
        };
    }

    /// <summary>DISCONNECT: empty in 3.1.1; in 5.0 the reason code and properties may be left out (§3.14.2.1).</summary>
    public static DisconnectPacket DecodeDisconnect(byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        RequireFlags(flags, 0);
        var reader = new MqttReader(body);
        var p = default(MqttProperties);
        var reason = MqttReasonCode.Success;
        if (version == MqttProtocolVersion.V500 && !reader.IsEnd)
        {
            reason = (MqttReasonCode)reader.ReadByte();
            if (!reader.IsEnd)
            {
                ReadProperties(ref reader, DisconnectProperties, ref p);
            }
        }
        RequireEnd(ref reader);
        return new DisconnectPacket
        {
            ReasonCode = reason,
            SessionExpiryInterval = p.Has(MqttPropertyId.SessionExpiryInterval) ? p.SessionExpiryInterval : null,
            ReasonString = p.ReasonString,
            ServerReference = p.ServerReference,
            UserProperties = p.UserPropertyList,
        };
    }

    public static AuthPacket DecodeAuth(byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        if (version != MqttProtocolVersion.V500)
        {
            throw MqttProtocolException.Malformed("packet type 15 is reserved in MQTT 3.1.1");
        }
        RequireFlags(flags, 0);
        var reader = new MqttReader(body);
        var p = default(MqttProperties);
        var reason = MqttReasonCode.Success;
        if (!reader.IsEnd)
        {
            reason = (MqttReasonCode)reader.ReadByte();
            ReadProperties(ref reader, AuthProperties, ref p);
        }
        RequireEnd(ref reader);
        return new AuthPacket
        {
            ReasonCode = reason,
            AuthenticationMethod = p.AuthenticationMethod,
            AuthenticationData = MqttProperties.Optional(p.AuthenticationData),
            ReasonString = p.ReasonString,
        };
    }
}
