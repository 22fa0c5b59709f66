using System.Buffers;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

public static partial class MqttEncoder
{
    public static void WriteConnect(IBufferWriter<byte> output, ConnectPacket packet)
    {
        var measure = MqttWriter.Measure();
        ConnectBody(ref measure, packet);
        var w = Begin(output, (byte)MqttPacketType.Connect << 4, measure.Position, out var total);
        ConnectBody(ref w, packet);
        output.Advance(total);
    }

    private static void ConnectBody(ref MqttWriter w, ConnectPacket p)
    {
        var v5 = p.ProtocolVersion == MqttProtocolVersion.V500;
        w.String("MQTT");
        w.Byte((byte)p.ProtocolVersion);
        byte flags = 0;
        flags |= p.CleanStart ? (byte)0x02 : (byte)0;
        if (p.Will is { } will)
        {
            flags |= (byte)(0x04 | ((byte)will.Message.QualityOfService << 3) | (will.Message.Retain ? 0x20 : 0));
        }
        flags |= p.Password is null ? (byte)0 : (byte)0x40;
        flags |= p.Username is null ? (byte)0 : (byte)0x80;
        w.Byte(flags);
        w.UInt16(p.KeepAliveSeconds);
        if (v5)
        {
            var measure = MqttWriter.Measure();
            ConnectProperties(ref measure, p);
            w.VariableByteInteger((uint)measure.Position);
            ConnectProperties(ref w, p);
        }
        w.String(p.ClientId);
        if (p.Will is { } w2)
        {
            if (v5)
            {
                var measure = MqttWriter.Measure();
                WillProperties(ref measure, w2);
                w.VariableByteInteger((uint)measure.Position);
                WillProperties(ref w, w2);
            }
            w.String(w2.Message.Topic);
            w.Binary(w2.Message.Payload.Span);
        }
        if (p.Username is not null)
        {
            w.String(p.Username);
        }
        if (p.Password is { } password)
        {
            w.Binary(password.Span);
        }
    }

    private static void ConnectProperties(ref MqttWriter w, ConnectPacket p)
    {
        if (p.SessionExpiryInterval != 0)
        {
            w.UInt32Property(MqttPropertyId.SessionExpiryInterval, p.SessionExpiryInterval);
        }
        if (p.ReceiveMaximum != ushort.MaxValue)
        {
            w.UInt16Property(MqttPropertyId.ReceiveMaximum, p.ReceiveMaximum);
        }
        if (p.MaximumPacketSize != 0)
        {
            w.UInt32Property(MqttPropertyId.MaximumPacketSize, p.MaximumPacketSize);
        }
        if (p.TopicAliasMaximum != 0)
        {
            w.UInt16Property(MqttPropertyId.TopicAliasMaximum, p.TopicAliasMaximum);
        }
        if (p.RequestResponseInformation)
        {
            w.ByteProperty(MqttPropertyId.RequestResponseInformation, 1);
        }
        if (!p.RequestProblemInformation)
        {
            w.ByteProperty(MqttPropertyId.RequestProblemInformation, 0);
        }
        w.StringProperty(MqttPropertyId.AuthenticationMethod, p.AuthenticationMethod);
        if (p.AuthenticationData is { } data)
        {
            w.Property(MqttPropertyId.AuthenticationData);
            w.Binary(data.Span);
        }
        w.UserProperties(p.UserProperties);
    }

    private static void WillProperties(ref MqttWriter w, MqttWill will)
    {
        if (will.DelayInterval != 0)
        {
            w.UInt32Property(MqttPropertyId.WillDelayInterval, will.DelayInterval);
        }
        MessageProperties(ref w, will.Message, will.Message.MessageExpiryInterval);
    }

    public static void WriteDisconnect(IBufferWriter<byte> output, DisconnectPacket packet, MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        var bare = !v5 || (packet.ReasonCode == MqttReasonCode.Success && packet.SessionExpiryInterval is null
            && packet.ReasonString is null && packet.ServerReference is null && packet.UserProperties.Count == 0);
        if (bare)
        {
            WritePing(output, MqttPacketType.Disconnect);
            return;
        }
        var measure = MqttWriter.Measure();
        DisconnectBody(ref measure, packet);
        var w = Begin(output, (byte)MqttPacketType.Disconnect << 4, measure.Position, out var total);
        DisconnectBody(ref w, packet);
        output.Advance(total);
    }

    private static void DisconnectBody(ref MqttWriter w, DisconnectPacket p)
    {
        w.Byte((byte)p.ReasonCode);
        var measure = MqttWriter.Measure();
        DisconnectProperties(ref measure, p);
        w.VariableByteInteger((uint)measure.Position);
        DisconnectProperties(ref w, p);
    }

    private static void DisconnectProperties(ref MqttWriter w, DisconnectPacket p)
    {
        if (p.SessionExpiryInterval is { } expiry)
        {
            w.UInt32Property(MqttPropertyId.SessionExpiryInterval, expiry);
        }
        w.StringProperty(MqttPropertyId.ReasonString, p.ReasonString);
        w.StringProperty(MqttPropertyId.ServerReference, p.ServerReference);
        w.UserProperties(p.UserProperties);
    }

    public static void WriteAuth(IBufferWriter<byte> output, AuthPacket packet)
    {
        var measure = MqttWriter.Measure();
        AuthBody(ref measure, packet);
        var w = Begin(output, (byte)MqttPacketType.Auth << 4, measure.Position, out var total);
        AuthBody(ref w, packet);
        output.Advance(total);
    }

    private static void AuthBody(ref MqttWriter w, AuthPacket p)
    {
        w.Byte((byte)p.ReasonCode);
        var measure = MqttWriter.Measure();
        AuthProperties(ref measure, p);
        w.VariableByteInteger((uint)measure.Position);
        AuthProperties(ref w, p);
    }

    private static void AuthProperties(ref MqttWriter w, AuthPacket p)
    {
        w.StringProperty(MqttPropertyId.AuthenticationMethod, p.AuthenticationMethod);
        if (p.AuthenticationData is { } data)
        {
            w.Property(MqttPropertyId.AuthenticationData);
            w.Binary(data.Span);
        }
        w.StringProperty(MqttPropertyId.ReasonString, p.ReasonString);
    }
}
