using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

public static partial class MqttDecoder
{
    private static readonly ulong SubscribeProperties = MqttProperties.Mask(MqttPropertyId.SubscriptionIdentifier);
    private static readonly ulong UnsubscribeProperties = MqttProperties.Mask();

    /// <summary>SUBSCRIBE (MQTT 3.1.1 §3.8, 5.0 §3.8). Filters are checked by the broker, which answers per filter.</summary>
    public static SubscribePacket DecodeSubscribe(byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        RequireFlags(flags, 0x02);
        var reader = new MqttReader(body);
        var packetId = ReadPacketId(ref reader);
        var p = default(MqttProperties);
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            ReadProperties(ref reader, SubscribeProperties, ref p);
            if (p.SubscriptionIdentifiers is { Count: > 1 })
            {
                throw MqttProtocolException.ProtocolError("more than one subscription identifier");
            }
        }
        var subscriptions = new List<MqttSubscription>();
        while (!reader.IsEnd)
        {
            var filter = reader.ReadString();
            var options = reader.ReadByte();
            if ((options & (v5 ? 0xC0 : 0xFC)) != 0)
            {
                throw MqttProtocolException.Malformed("reserved subscription option bits set"); // 5.0 §3.8.3.1
            }
            var retainHandling = (options >> 4) & 0x03;
            if (retainHandling == 3)
            {
                throw MqttProtocolException.ProtocolError("retain handling 3");
            }
            subscriptions.Add(new MqttSubscription(filter, ReadQos(options & 0x03))
            {
                NoLocal = (options & 0x04) != 0,
                RetainAsPublished = (options & 0x08) != 0,
                RetainHandling = (MqttRetainHandling)retainHandling,
            });
        }
        if (subscriptions.Count == 0)
        {
            throw MqttProtocolException.ProtocolError("SUBSCRIBE without a topic filter"); // 3.1.1 §3.8.3-3
        }
        return new SubscribePacket
        {
            PacketId = packetId,
            SubscriptionIdentifier = p.SubscriptionIdentifiers is [var id] ? id : 0,
            Subscriptions = subscriptions,
            UserProperties = p.UserPropertyList,
        };
    }

    public static UnsubscribePacket DecodeUnsubscribe(byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        RequireFlags(flags, 0x02);
        var reader = new MqttReader(body);
        var packetId = ReadPacketId(ref reader);
        var p = default(MqttProperties);
        if (version == MqttProtocolVersion.V500)
        {
            ReadProperties(ref reader, UnsubscribeProperties, ref p);
        }
        var filters = new List<string>();
        while (!reader.IsEnd)
        {
            filters.Add(reader.ReadString());
        }
        if (filters.Count == 0)
        {
            throw MqttProtocolException.ProtocolError("UNSUBSCRIBE without a topic filter"); // 3.1.1 §3.10.3-2
        }
        return new UnsubscribePacket { PacketId = packetId, TopicFilters = filters, UserProperties = p.UserPropertyList };
    }

    public static SubAckPacket DecodeSubAck(byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        RequireFlags(flags, 0);
        var reader = new MqttReader(body);
        var packetId = ReadPacketId(ref reader);
        var p = default(MqttProperties);
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            ReadProperties(ref reader, AckProperties, ref p);
        }
        var codes = new List<MqttReasonCode>();
        foreach (var code in reader.ReadRest())
        {
            if (!v5 && code is not (0 or 1 or 2 or 0x80))
            {
                throw MqttProtocolException.Malformed($"SUBACK return code 0x{code:X2}"); // 3.1.1 §3.9.3
            }
            codes.Add((MqttReasonCode)code);
        }
        return new SubAckPacket { PacketId = packetId, ReasonCodes = codes, ReasonString = p.ReasonString, UserProperties = p.UserPropertyList };
    }

    public static UnsubAckPacket DecodeUnsubAck(byte flags, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        RequireFlags(flags, 0);
        var reader = new MqttReader(body);
        var packetId = ReadPacketId(ref reader);
        var p = default(MqttProperties);
        var codes = new List<MqttReasonCode>();
        if (version == MqttProtocolVersion.V500)
        {
            ReadProperties(ref reader, AckProperties, ref p);
            foreach (var code in reader.ReadRest())
            {
                codes.Add((MqttReasonCode)code);
            }
        }
        RequireEnd(ref reader);
        return new UnsubAckPacket { PacketId = packetId, ReasonCodes = codes, ReasonString = p.ReasonString };
    }
}
