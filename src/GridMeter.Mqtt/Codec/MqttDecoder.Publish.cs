using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

public static partial class MqttDecoder
{
    private static readonly ulong PublishProperties = MqttProperties.Mask(
        MqttPropertyId.PayloadFormatIndicator, MqttPropertyId.MessageExpiryInterval, MqttPropertyId.ContentType,
        MqttPropertyId.ResponseTopic, MqttPropertyId.CorrelationData, MqttPropertyId.SubscriptionIdentifier,
        MqttPropertyId.TopicAlias);

    private static readonly ulong AckProperties = MqttProperties.Mask(MqttPropertyId.ReasonString);

    /// <summary>
    /// PUBLISH (MQTT 5.0 §3.3). With <paramref name="topicAliases"/> (slot n = alias n; length 1 = none
    /// allowed) a topic alias is resolved and recorded as §3.3.2.3.4 says; with null it is left as sent.
    /// </summary>
    public static PublishPacket DecodePublish(byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version, string?[]? topicAliases)
    {
        var message = DecodePublishMessage(flags, body, version, topicAliases, out var header);
        return new PublishPacket
        {
            Message = message,
            PacketId = header.PacketId,
            Duplicate = header.Duplicate,
            TopicAlias = header.TopicAlias,
            SubscriptionIdentifiers = header.SubscriptionIdentifiers ?? (IReadOnlyList<uint>)[],
        };
    }

    internal static MqttMessage DecodePublishMessage(byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version, string?[]? topicAliases, out PublishHeader header)
    {
        var qos = ReadQos((flags >> 1) & 0x03);
        var duplicate = (flags & 0x08) != 0;
        if (duplicate && qos == MqttQualityOfService.AtMostOnce)
        {
            throw MqttProtocolException.Malformed("DUP set on a QoS 0 publish"); // 3.1.1 §3.3.1-2
        }
        var reader = new MqttReader(body);
        var topicBytes = reader.ReadStringBytes();
        var packetId = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : ReadPacketId(ref reader);
        var p = default(MqttProperties);
        if (version == MqttProtocolVersion.V500)
        {
            ReadProperties(ref reader, PublishProperties, ref p);
            if (p.ResponseTopic is { } responseTopic && !MqttTopic.IsValidTopicName(responseTopic))
            {
                throw MqttProtocolException.ProtocolError("response topic is not a topic name"); // 5.0 §3.3.2.3.5
            }
        }
        var topic = ResolveTopic(topicBytes, p.Has(MqttPropertyId.TopicAlias) ? p.TopicAlias : (ushort)0, topicAliases);
        header = new PublishHeader(packetId, duplicate, p.TopicAlias, p.SubscriptionIdentifiers);
        return CreateMessage(topic, reader.ReadRest().ToArray(), qos, (flags & 0x01) != 0, ref p);
    }

    private static string ResolveTopic(ReadOnlySpan<byte> topicBytes, ushort alias, string?[]? aliases)
    {
        var topic = MqttReader.Decode(topicBytes);
        if (topic.Length > 0 && !MqttTopic.IsValidTopicName(topic))
        {
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, "topic name contains a wildcard");
        }
        if (alias == 0 && topic.Length == 0)
        {
            throw MqttProtocolException.ProtocolError("empty topic name without a topic alias");
        }
        if (alias == 0 || aliases is null)
        {
            return topic;
        }
        if (alias >= aliases.Length)
        {
            throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, $"topic alias {alias} exceeds the maximum"); // 5.0 §3.3.2.3.4
        }
        if (topic.Length > 0)
        {
            aliases[alias] = topic;
            return topic;
        }
        return aliases[alias] ?? throw MqttProtocolException.ProtocolError($"topic alias {alias} was never set");
    }

    /// <summary>PUBACK, PUBREC, PUBREL, PUBCOMP (MQTT 5.0 §3.4-§3.7).</summary>
    public static AckPacket DecodeAck(MqttPacketType type, byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var p = default(MqttProperties);
        var (packetId, reason) = DecodeAck(type, flags, body, version, ref p);
        return new AckPacket(type) { PacketId = packetId, ReasonCode = reason, ReasonString = p.ReasonString, UserProperties = p.UserPropertyList };
    }

    internal static (ushort PacketId, MqttReasonCode Reason) DecodeAck(MqttPacketType type, byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version, ref MqttProperties p)
    {
        RequireFlags(flags, type == MqttPacketType.PubRel ? (byte)0x02 : (byte)0x00);
        var reader = new MqttReader(body);
        var packetId = ReadPacketId(ref reader);
        var reason = MqttReasonCode.Success;
        if (version == MqttProtocolVersion.V500 && !reader.IsEnd)
        {
            // 5.0 §3.4.2.1: the reason code and the properties may each be left out.
            reason = (MqttReasonCode)reader.ReadByte();
            if (!reader.IsEnd)
            {
                ReadProperties(ref reader, AckProperties, ref p);
            }
        }
        RequireEnd(ref reader);
        return (packetId, reason);
    }
}
