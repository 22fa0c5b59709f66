using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

public static partial class MqttDecoder
{
    private static readonly ulong ConnectProperties = MqttProperties.Mask(
        MqttPropertyId.SessionExpiryInterval, MqttPropertyId.ReceiveMaximum, MqttPropertyId.MaximumPacketSize,
        MqttPropertyId.TopicAliasMaximum, MqttPropertyId.RequestResponseInformation, MqttPropertyId.RequestProblemInformation,
        MqttPropertyId.AuthenticationMethod, MqttPropertyId.AuthenticationData);

    private static readonly ulong WillProperties = MqttProperties.Mask(
        MqttPropertyId.PayloadFormatIndicator, MqttPropertyId.MessageExpiryInterval, MqttPropertyId.ContentType,
        MqttPropertyId.ResponseTopic, MqttPropertyId.CorrelationData, MqttPropertyId.WillDelayInterval);

    /// <summary>
    /// CONNECT (MQTT 3.1.1 §3.1, 5.0 §3.1). A wrong protocol name fails with ProtocolError and no version;
    /// an unknown level with UnsupportedProtocolVersion (3.1.1 §3.1.2-2: answer return code 0x01).
    /// Later failures carry the declared version so a 5.0 client can be told the reason in CONNACK.
    /// </summary>
    public static ConnectPacket DecodeConnect(byte flags, ReadOnlySpan<byte> body)
    {
        RequireFlags(flags, 0);
        var reader = new MqttReader(body);
        var name = reader.ReadStringBytes();
        if (name.SequenceEqual("MQIsdp"u8))
        {
            throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion, "MQTT 3.1 is not supported");
        }
        if (!name.SequenceEqual("MQTT"u8))
        {
            throw MqttProtocolException.ProtocolError("protocol name is not MQTT");
        }
        var level = reader.ReadByte();
        if (level is not ((byte)MqttProtocolVersion.V311 or (byte)MqttProtocolVersion.V500))
        {
            throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion, $"protocol level {level}");
        }
        var version = (MqttProtocolVersion)level;
        try
        {
            return DecodeConnectRest(ref reader, version);
        }
        catch (MqttProtocolException e)
        {
            throw new MqttProtocolException(e.ReasonCode, e.Message) { ProtocolVersion = version };
        }
    }

    private static ConnectPacket DecodeConnectRest(ref MqttReader reader, MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        var connectFlags = reader.ReadByte();
        if ((connectFlags & 0x01) != 0)
        {
            throw MqttProtocolException.Malformed("CONNECT reserved flag set");
        }
        var hasWill = (connectFlags & 0x04) != 0;
        var willQos = ReadQos((connectFlags >> 3) & 0x03);
        var willRetain = (connectFlags & 0x20) != 0;
        var hasPassword = (connectFlags & 0x40) != 0;
        var hasUsername = (connectFlags & 0x80) != 0;
        if (!hasWill && (willQos != MqttQualityOfService.AtMostOnce || willRetain))
        {
            throw MqttProtocolException.Malformed("will QoS or retain set without a will");
        }
        if (!v5 && hasPassword && !hasUsername)
        {
            throw MqttProtocolException.Malformed("password without user name"); // 3.1.1 §3.1.2-22
        }
        var keepAlive = reader.ReadUInt16();
        var p = default(MqttProperties);
        if (v5)
        {
            ReadProperties(ref reader, ConnectProperties, ref p);
            if (p.Has(MqttPropertyId.AuthenticationData) && !p.Has(MqttPropertyId.AuthenticationMethod))
            {
                throw MqttProtocolException.ProtocolError("authentication data without a method");
            }
        }
        var clientId = reader.ReadString();
        var will = hasWill ? ReadWill(ref reader, v5, willQos, willRetain) : null;
        var username = hasUsername ? reader.ReadString() : null;
        var password = hasPassword ? reader.ReadBinary().ToArray() : null;
        RequireEnd(ref reader);
        return new ConnectPacket
        {
            ProtocolVersion = version,
            ClientId = clientId,
            CleanStart = (connectFlags & 0x02) != 0,
            KeepAliveSeconds = keepAlive,
            Username = username,
            Password = MqttProperties.Optional(password),
            Will = will,
            SessionExpiryInterval = p.SessionExpiryInterval,
            ReceiveMaximum = p.Has(MqttPropertyId.ReceiveMaximum) ? p.ReceiveMaximum : ushort.MaxValue,
            MaximumPacketSize = p.MaximumPacketSize,
            TopicAliasMaximum = p.TopicAliasMaximum,
            RequestResponseInformation = p.RequestResponseInformation == 1,
            RequestProblemInformation = !p.Has(MqttPropertyId.RequestProblemInformation) || p.RequestProblemInformation == 1,
            AuthenticationMethod = p.AuthenticationMethod,
            AuthenticationData = MqttProperties.Optional(p.AuthenticationData),
            UserProperties = p.UserPropertyList,
        };
    }

    private static MqttWill ReadWill(ref MqttReader reader, bool v5, MqttQualityOfService qos, bool retain)
    {
        var p = default(MqttProperties);
        if (v5)
        {
            ReadProperties(ref reader, WillProperties, ref p);
        }
        var topic = reader.ReadString();
        if (!MqttTopic.IsValidTopicName(topic))
        {
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, "will topic is empty or has a wildcard");
        }
        var payload = reader.ReadBinary().ToArray();
        return new MqttWill
        {
            Message = CreateMessage(topic, payload, qos, retain, ref p),
            DelayInterval = p.WillDelayInterval,
        };
    }

    private static MqttMessage CreateMessage(string topic, byte[] payload, MqttQualityOfService qos, bool retain, ref MqttProperties p) => new()
    {
        Topic = topic,
        Payload = payload,
        QualityOfService = qos,
        Retain = retain,
        PayloadIsUtf8 = p.PayloadFormatIndicator == 1,
        MessageExpiryInterval = p.Has(MqttPropertyId.MessageExpiryInterval) ? p.MessageExpiryInterval : null,
        ContentType = p.ContentType,
        ResponseTopic = p.ResponseTopic,
        CorrelationData = MqttProperties.Optional(p.CorrelationData),
        UserProperties = p.UserPropertyList,
    };
}
