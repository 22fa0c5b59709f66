using System.Buffers;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

/// <summary>
/// Encodes MQTT 3.1.1 and 5.0 packets straight into an <see cref="IBufferWriter{T}"/> (a PipeWriter on
/// connections): each body is measured, then written once into the writer's own memory.
/// </summary>
public static partial class MqttEncoder
{
    /// <summary>MQTT 5.0 §1.5.5: the largest remaining length a variable byte integer holds.</summary>
    public const int MaximumRemainingLength = 268_435_455;

    /// <summary>Encodes any packet (used by tests and the fuzzer; the connections call the typed methods).</summary>
    public static void Write(IBufferWriter<byte> output, MqttPacket packet, MqttProtocolVersion version)
    {
        switch (packet)
        {
            case ConnectPacket connect: WriteConnect(output, connect); break;
            case ConnAckPacket connAck: WriteConnAck(output, connAck, version); break;
            case PublishPacket publish:
                var p = new OutboundPublish(publish.Message.QualityOfService, publish.Message.Retain, publish.PacketId, publish.Duplicate,
                    publish.TopicAlias, publish.TopicAlias != 0 && publish.Message.Topic.Length == 0, publish.Message.MessageExpiryInterval,
                    publish.SubscriptionIdentifiers);
                WritePublish(output, publish.Message, p, version);
                break;
            case AckPacket ack: WriteAck(output, ack.Type, ack.PacketId, ack.ReasonCode, version, ack.ReasonString); break;
            case SubscribePacket subscribe: WriteSubscribe(output, subscribe, version); break;
            case SubAckPacket subAck: WriteSubAck(output, subAck, version); break;
            case UnsubscribePacket unsubscribe: WriteUnsubscribe(output, unsubscribe, version); break;
            case UnsubAckPacket unsubAck: WriteUnsubAck(output, unsubAck, version); break;
            case PingPacket ping: WritePing(output, ping.Type); break;
            case DisconnectPacket disconnect: WriteDisconnect(output, disconnect, version); break;
            case AuthPacket auth: WriteAuth(output, auth); break;
            default: throw new ArgumentException($"cannot encode {packet.GetType().Name}", nameof(packet));
        }
    }

    /// <summary>Encodes into a new array (tests, and the client's rarely sent packets).</summary>
    public static byte[] ToArray(MqttPacket packet, MqttProtocolVersion version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, packet, version);
        return buffer.WrittenSpan.ToArray();
    }

    public static void WritePing(IBufferWriter<byte> output, MqttPacketType type)
    {
        var span = output.GetSpan(2);
        span[0] = (byte)((byte)type << 4);
        span[1] = 0;
        output.Advance(2);
    }

    /// <summary>PUBACK/PUBREC/PUBREL/PUBCOMP; the 5.0 reason code is left out when it is Success (§3.4.2.1).</summary>
    public static void WriteAck(IBufferWriter<byte> output, MqttPacketType type, ushort packetId, MqttReasonCode reason, MqttProtocolVersion version, string? reasonString = null)
    {
        var first = (byte)(((byte)type << 4) | (type == MqttPacketType.PubRel ? 0x02 : 0x00));
        var v5 = version == MqttProtocolVersion.V500;
        if (!v5 || (reason == MqttReasonCode.Success && reasonString is null))
        {
            var span = output.GetSpan(4);
            span[0] = first;
            span[1] = 2;
            span[2] = (byte)(packetId >> 8);
            span[3] = (byte)packetId;
            output.Advance(4);
            return;
        }
        var measure = MqttWriter.Measure();
        AckBody(ref measure, packetId, reason, reasonString);
        var w = Begin(output, first, measure.Position, out var total);
        AckBody(ref w, packetId, reason, reasonString);
        output.Advance(total);
    }

    private static void AckBody(ref MqttWriter w, ushort packetId, MqttReasonCode reason, string? reasonString)
    {
        w.UInt16(packetId);
        w.Byte((byte)reason);
        if (reasonString is not null)
        {
            var measure = MqttWriter.Measure();
            measure.StringProperty(MqttPropertyId.ReasonString, reasonString);
            w.VariableByteInteger((uint)measure.Position);
            w.StringProperty(MqttPropertyId.ReasonString, reasonString);
        }
    }

    /// <summary>Starts a packet of <paramref name="remaining"/> body bytes; returns a writer positioned at the body.</summary>
    private static MqttWriter Begin(IBufferWriter<byte> output, byte firstByte, int remaining, out int total)
    {
        if (remaining > MaximumRemainingLength)
        {
            throw new ArgumentException($"a packet body of {remaining} bytes exceeds the MQTT maximum");
        }
        var headerLength = 1 + MqttWriter.VariableByteIntegerSize((uint)remaining);
        total = headerLength + remaining;
        var writer = new MqttWriter(output.GetSpan(total)[..total]);
        writer.Byte(firstByte);
        writer.VariableByteInteger((uint)remaining);
        return writer;
    }

    private static void Properties(ref MqttWriter w, IReadOnlyList<MqttUserProperty> user, string? reasonString)
    {
        var measure = MqttWriter.Measure();
        measure.StringProperty(MqttPropertyId.ReasonString, reasonString);
        measure.UserProperties(user);
        w.VariableByteInteger((uint)measure.Position);
        w.StringProperty(MqttPropertyId.ReasonString, reasonString);
        w.UserProperties(user);
    }
}
