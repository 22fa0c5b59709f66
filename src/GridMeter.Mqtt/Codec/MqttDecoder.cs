using System.Buffers;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

/// <summary>
/// Decodes MQTT 3.1.1 and 5.0 packets. Every malformed input ends in <see cref="MqttProtocolException"/>;
/// nothing else is thrown. The per-type methods take the fixed header flags and the body.
/// </summary>
public static partial class MqttDecoder
{
    /// <summary>
    /// Reads the fixed header once enough bytes are there (false otherwise). A remaining length over four
    /// bytes is malformed; a packet larger than <paramref name="maximumPacketSize"/> is refused before its
    /// body arrives (MQTT 5.0 §3.1.2.11.4: 0x95 Packet too large).
    /// </summary>
    public static bool TryReadFixedHeader(ReadOnlySpan<byte> data, int maximumPacketSize, out MqttFixedHeader header)
    {
        header = default;
        if (data.Length < 2)
        {
            return false;
        }
        var first = data[0];
        if (first >> 4 == 0)
        {
            throw MqttProtocolException.Malformed("packet type 0 is reserved");
        }
        var length = 0;
        for (var i = 0; i < 4; i++)
        {
            if (1 + i >= data.Length)
            {
                return false;
            }
            var b = data[1 + i];
            length |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                header = new MqttFixedHeader(first, length, 2 + i);
                if (header.TotalLength > maximumPacketSize)
                {
                    throw new MqttProtocolException(MqttReasonCode.PacketTooLarge, $"packet of {header.TotalLength} bytes exceeds {maximumPacketSize}");
                }
                return true;
            }
        }
        throw MqttProtocolException.Malformed("remaining length longer than four bytes");
    }

    public static bool TryReadFixedHeader(in ReadOnlySequence<byte> data, int maximumPacketSize, out MqttFixedHeader header)
    {
        if (data.FirstSpan.Length >= 5 || data.IsSingleSegment)
        {
            return TryReadFixedHeader(data.FirstSpan, maximumPacketSize, out header);
        }
        Span<byte> head = stackalloc byte[5];
        var available = (int)Math.Min(data.Length, head.Length);
        data.Slice(0, available).CopyTo(head);
        return TryReadFixedHeader(head[..available], maximumPacketSize, out header);
    }

    /// <summary>Decodes the first packet of <paramref name="data"/>; false when it is not all there yet.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, MqttProtocolVersion version, int maximumPacketSize, out MqttPacket? packet, out int consumed)
    {
        packet = null;
        consumed = 0;
        if (!TryReadFixedHeader(data, maximumPacketSize, out var header) || data.Length < header.TotalLength)
        {
            return false;
        }
        packet = Decode(header, data.Slice(header.HeaderLength, header.RemainingLength), version);
        consumed = header.TotalLength;
        return true;
    }

    /// <summary>Decodes one whole packet of any type (the connection loops use the per-type methods).</summary>
    public static MqttPacket Decode(MqttFixedHeader header, ReadOnlySpan<byte> body, MqttProtocolVersion version) => header.Type switch
    {
        MqttPacketType.Connect => DecodeConnect(header.Flags, body),
        MqttPacketType.ConnAck => DecodeConnAck(header.Flags, body, version),
        MqttPacketType.Publish => DecodePublish(header.Flags, body, version, null),
        MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp =>
            DecodeAck(header.Type, header.Flags, body, version),
        MqttPacketType.Subscribe => DecodeSubscribe(header.Flags, body, version),
        MqttPacketType.SubAck => DecodeSubAck(header.Flags, body, version),
        MqttPacketType.Unsubscribe => DecodeUnsubscribe(header.Flags, body, version),
        MqttPacketType.UnsubAck => DecodeUnsubAck(header.Flags, body, version),
        MqttPacketType.PingReq or MqttPacketType.PingResp => DecodePing(header.Type, header.Flags, body),
        MqttPacketType.Disconnect => DecodeDisconnect(header.Flags, body, version),
        MqttPacketType.Auth => DecodeAuth(header.Flags, body, version),
        _ => throw MqttProtocolException.Malformed($"packet type {(int)header.Type} is reserved"),
    };

    public static PingPacket DecodePing(MqttPacketType type, byte flags, ReadOnlySpan<byte> body)
    {
        RequireFlags(flags, 0);
        if (!body.IsEmpty)
        {
            throw MqttProtocolException.Malformed("PINGREQ and PINGRESP have no body");
        }
        return type == MqttPacketType.PingReq ? PingPacket.Request : PingPacket.Response;
    }

    /// <summary>MQTT 5.0 §2.1.3: flags other than those listed are malformed.</summary>
    internal static void RequireFlags(byte flags, byte expected)
    {
        if (flags != expected)
        {
            throw MqttProtocolException.Malformed($"reserved flag bits 0x{flags:X} set");
        }
    }

    private static ushort ReadPacketId(ref MqttReader reader)
    {
        var id = reader.ReadUInt16();
        return id != 0 ? id : throw MqttProtocolException.ProtocolError("packet identifier 0");
    }

    private static void RequireEnd(ref MqttReader reader)
    {
        if (!reader.IsEnd)
        {
            throw MqttProtocolException.Malformed("bytes after the end of the packet");
        }
    }

    private static MqttQualityOfService ReadQos(int bits) =>
        bits <= 2 ? (MqttQualityOfService)bits : throw MqttProtocolException.Malformed("QoS 3");
}
