using System.Buffers;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

public static partial class MqttEncoder
{
    public static void WriteSubscribe(IBufferWriter<byte> output, SubscribePacket packet, MqttProtocolVersion version)
    {
        var measure = MqttWriter.Measure();
        SubscribeBody(ref measure, packet, version);
        var w = Begin(output, ((byte)MqttPacketType.Subscribe << 4) | 0x02, measure.Position, out var total);
        SubscribeBody(ref w, packet, version);
        output.Advance(total);
    }

    private static void SubscribeBody(ref MqttWriter w, SubscribePacket p, MqttProtocolVersion version)
    {
        w.UInt16(p.PacketId);
        var v5 = version == MqttProtocolVersion.V500;
        if (v5)
        {
            var measure = MqttWriter.Measure();
            SubscribeProperties(ref measure, p);
            w.VariableByteInteger((uint)measure.Position);
            SubscribeProperties(ref w, p);
        }
        foreach (var s in p.Subscriptions)
        {
            w.String(s.TopicFilter);
            var options = (byte)s.MaximumQualityOfService;
            if (v5)
            {
                options |= (byte)((s.NoLocal ? 0x04 : 0) | (s.RetainAsPublished ? 0x08 : 0) | ((byte)s.RetainHandling << 4));
            }
            w.Byte(options);
        }
    }

    private static void SubscribeProperties(ref MqttWriter w, SubscribePacket p)
    {
        if (p.SubscriptionIdentifier != 0)
        {
            w.Property(MqttPropertyId.SubscriptionIdentifier);
            w.VariableByteInteger(p.SubscriptionIdentifier);
        }
        w.UserProperties(p.UserProperties);
    }

    public static void WriteSubAck(IBufferWriter<byte> output, SubAckPacket packet, MqttProtocolVersion version)
    {
        var measure = MqttWriter.Measure();
        SubAckBody(ref measure, packet.PacketId, packet.ReasonCodes, packet.ReasonString, packet.UserProperties, version, false);
        var w = Begin(output, (byte)MqttPacketType.SubAck << 4, measure.Position, out var total);
        SubAckBody(ref w, packet.PacketId, packet.ReasonCodes, packet.ReasonString, packet.UserProperties, version, false);
        output.Advance(total);
    }

    public static void WriteUnsubAck(IBufferWriter<byte> output, UnsubAckPacket packet, MqttProtocolVersion version)
    {
        var measure = MqttWriter.Measure();
        SubAckBody(ref measure, packet.PacketId, packet.ReasonCodes, packet.ReasonString, [], version, true);
        var w = Begin(output, (byte)MqttPacketType.UnsubAck << 4, measure.Position, out var total);
        SubAckBody(ref w, packet.PacketId, packet.ReasonCodes, packet.ReasonString, [], version, true);
        output.Advance(total);
    }

    /// <summary>SUBACK and UNSUBACK share a layout; UNSUBACK of 3.1.1 has no codes (§3.11).</summary>
    private static void SubAckBody(ref MqttWriter w, ushort packetId, IReadOnlyList<MqttReasonCode> codes, string? reasonString,
        IReadOnlyList<MqttUserProperty> user, MqttProtocolVersion version, bool isUnsubAck)
    {
        w.UInt16(packetId);
        if (version == MqttProtocolVersion.V500)
        {
            Properties(ref w, user, reasonString);
        }
        if (isUnsubAck && version != MqttProtocolVersion.V500)
        {
            return;
        }
        for (var i = 0; i < codes.Count; i++)
        {
            w.Byte((byte)codes[i]);
        }
    }

    public static void WriteUnsubscribe(IBufferWriter<byte> output, UnsubscribePacket packet, MqttProtocolVersion version)
    {
        var measure = MqttWriter.Measure();
        UnsubscribeBody(ref measure, packet, version);
        var w = Begin(output, ((byte)MqttPacketType.Unsubscribe << 4) | 0x02, measure.Position, out var total);
        UnsubscribeBody(ref w, packet, version);
        output.Advance(total);
    }

    private static void UnsubscribeBody(ref MqttWriter w, UnsubscribePacket p, MqttProtocolVersion version)
    {
        w.UInt16(p.PacketId);
        if (version == MqttProtocolVersion.V500)
        {
            Properties(ref w, p.UserProperties, null);
        }
        foreach (var filter in p.TopicFilters)
        {
            w.String(filter);
        }
    }
}
