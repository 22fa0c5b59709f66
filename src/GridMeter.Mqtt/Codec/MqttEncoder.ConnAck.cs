using System.Buffers;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

public static partial class MqttEncoder
{
    /// <summary>CONNACK; over 3.1.1 the reason code becomes a return code (§3.2.2.3) and properties are dropped.</summary>
    public static void WriteConnAck(IBufferWriter<byte> output, ConnAckPacket packet, MqttProtocolVersion version)
    {
        var measure = MqttWriter.Measure();
        ConnAckBody(ref measure, packet, version);
        var w = Begin(output, (byte)MqttPacketType.ConnAck << 4, measure.Position, out var total);
        ConnAckBody(ref w, packet, version);
        output.Advance(total);
    }

    private static void ConnAckBody(ref MqttWriter w, ConnAckPacket p, MqttProtocolVersion version)
    {
        w.Byte(p.SessionPresent ? (byte)1 : (byte)0);
        if (version != MqttProtocolVersion.V500)
        {
            w.Byte(ReturnCodes.ToConnAck(p.ReasonCode));
            return;
        }
        w.Byte((byte)p.ReasonCode);
        var measure = MqttWriter.Measure();
        ConnAckProperties(ref measure, p);
        w.VariableByteInteger((uint)measure.Position);
        ConnAckProperties(ref w, p);
    }

    private static void ConnAckProperties(ref MqttWriter w, ConnAckPacket p)
    {
        if (p.SessionExpiryInterval is { } expiry)
        {
            w.UInt32Property(MqttPropertyId.SessionExpiryInterval, expiry);
        }
        if (p.ReceiveMaximum is { } receiveMaximum)
        {
            w.UInt16Property(MqttPropertyId.ReceiveMaximum, receiveMaximum);
        }
        if (p.MaximumQualityOfService is { } maximumQos)
        {
            w.ByteProperty(MqttPropertyId.MaximumQos, (byte)maximumQos);
        }
        OptionalFlag(ref w, MqttPropertyId.RetainAvailable, p.RetainAvailable);
        if (p.MaximumPacketSize is { } maximumPacketSize)
        {
            w.UInt32Property(MqttPropertyId.MaximumPacketSize, maximumPacketSize);
        }
        w.StringProperty(MqttPropertyId.AssignedClientIdentifier, p.AssignedClientIdentifier);
        if (p.TopicAliasMaximum is { } topicAliasMaximum)
        {
            w.UInt16Property(MqttPropertyId.TopicAliasMaximum, topicAliasMaximum);
        }
        w.StringProperty(MqttPropertyId.ReasonString, p.ReasonString);
        OptionalFlag(ref w, MqttPropertyId.WildcardSubscriptionAvailable, p.WildcardSubscriptionAvailable);
        OptionalFlag(ref w, MqttPropertyId.SubscriptionIdentifierAvailable, p.SubscriptionIdentifiersAvailable);
        OptionalFlag(ref w, MqttPropertyId.SharedSubscriptionAvailable, p.SharedSubscriptionAvailable);
        if (p.ServerKeepAlive is { } serverKeepAlive)
        {
            w.UInt16Property(MqttPropertyId.ServerKeepAlive, serverKeepAlive);
        }
        w.StringProperty(MqttPropertyId.ResponseInformation, p.ResponseInformation);
        w.StringProperty(MqttPropertyId.ServerReference, p.ServerReference);
        w.UserProperties(p.UserProperties);
    }

    private static void OptionalFlag(ref MqttWriter w, MqttPropertyId id, bool? value)
    {
        if (value is { } flag)
        {
            w.ByteProperty(id, flag ? (byte)1 : (byte)0);
        }
    }
}
