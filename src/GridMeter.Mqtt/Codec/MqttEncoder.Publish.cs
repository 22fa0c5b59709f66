using System.Buffers;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

public static partial class MqttEncoder
{
    /// <summary>The encoded size of a PUBLISH, to honour a receiver's Maximum Packet Size (MQTT 5.0 §3.1.2.11.4).</summary>
    internal static int MeasurePublish(MqttMessage message, in OutboundPublish p, MqttProtocolVersion version)
    {
        var measure = MqttWriter.Measure();
        PublishBody(ref measure, message, p, version);
        return 1 + MqttWriter.VariableByteIntegerSize((uint)measure.Position) + measure.Position;
    }

    internal static void WritePublish(IBufferWriter<byte> output, MqttMessage message, in OutboundPublish p, MqttProtocolVersion version)
    {
        var first = (byte)(((byte)MqttPacketType.Publish << 4) | ((byte)p.Qos << 1));
        if (p.Duplicate)
        {
            first |= 0x08;
        }
        if (p.Retain)
        {
            first |= 0x01;
        }
        var measure = MqttWriter.Measure();
        PublishBody(ref measure, message, p, version);
        var w = Begin(output, first, measure.Position, out var total);
        PublishBody(ref w, message, p, version);
        output.Advance(total);
    }

    private static void PublishBody(ref MqttWriter w, MqttMessage message, in OutboundPublish p, MqttProtocolVersion version)
    {
        w.String(p.OmitTopic ? "" : message.Topic);
        if (p.Qos != MqttQualityOfService.AtMostOnce)
        {
            w.UInt16(p.PacketId);
        }
        if (version == MqttProtocolVersion.V500)
        {
            var measure = MqttWriter.Measure();
            PublishProperties(ref measure, message, p);
            w.VariableByteInteger((uint)measure.Position);
            PublishProperties(ref w, message, p);
        }
        w.Raw(message.Payload.Span);
    }

    private static void PublishProperties(ref MqttWriter w, MqttMessage message, in OutboundPublish p)
    {
        MessageProperties(ref w, message, p.ExpiryInterval);
        if (p.TopicAlias != 0)
        {
            w.UInt16Property(MqttPropertyId.TopicAlias, p.TopicAlias);
        }
        if (p.SubscriptionIdentifiers is { } ids)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                w.Property(MqttPropertyId.SubscriptionIdentifier);
                w.VariableByteInteger(ids[i]);
            }
        }
    }

    /// <summary>The properties a message carries wherever it goes: PUBLISH and will (MQTT 5.0 §3.3.2.3, §3.1.3.2).</summary>
    private static void MessageProperties(ref MqttWriter w, MqttMessage message, uint? expiryInterval)
    {
        if (message.PayloadIsUtf8)
        {
            w.ByteProperty(MqttPropertyId.PayloadFormatIndicator, 1);
        }
        if (expiryInterval is { } expiry)
        {
            w.UInt32Property(MqttPropertyId.MessageExpiryInterval, expiry);
        }
        w.StringProperty(MqttPropertyId.ContentType, message.ContentType);
        w.StringProperty(MqttPropertyId.ResponseTopic, message.ResponseTopic);
        if (message.CorrelationData is { } correlation)
        {
            w.Property(MqttPropertyId.CorrelationData);
            w.Binary(correlation.Span);
        }
        w.UserProperties(message.UserProperties);
    }
}
