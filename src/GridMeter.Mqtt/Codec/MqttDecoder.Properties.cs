using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

public static partial class MqttDecoder
{
    /// <summary>Reads a property length and the properties (MQTT 5.0 §2.2.2); only <paramref name="allowed"/> may appear.</summary>
    private static void ReadProperties(ref MqttReader reader, ulong allowed, ref MqttProperties p)
    {
        var length = reader.ReadVariableByteInteger();
        if (length > reader.Remaining)
        {
            throw MqttProtocolException.Malformed("property length exceeds the packet");
        }
        var props = new MqttReader(reader.ReadBytes((int)length));
        while (!props.IsEnd)
        {
            var raw = props.ReadVariableByteInteger();
            if (raw > 0x2A || (allowed & (1UL << (int)raw)) == 0)
            {
                throw MqttProtocolException.ProtocolError($"property 0x{raw:X2} is not allowed here");
            }
            var id = (MqttPropertyId)raw;
            var repeatable = id is MqttPropertyId.UserProperty or MqttPropertyId.SubscriptionIdentifier;
            if (!repeatable && p.Has(id))
            {
                // MQTT 5.0 §2.2.2.2: including a property more than once is a Protocol Error.
                throw MqttProtocolException.ProtocolError($"property 0x{raw:X2} appears twice");
            }
            p.Present |= MqttProperties.Bit(id);
            ReadProperty(ref props, id, ref p);
        }
    }

    private static void ReadProperty(ref MqttReader r, MqttPropertyId id, ref MqttProperties p)
    {
        switch (id)
        {
            case MqttPropertyId.PayloadFormatIndicator: p.PayloadFormatIndicator = ReadFlag(ref r); break;
            case MqttPropertyId.MessageExpiryInterval: p.MessageExpiryInterval = r.ReadUInt32(); break;
            case MqttPropertyId.ContentType: p.ContentType = r.ReadString(); break;
            case MqttPropertyId.ResponseTopic: p.ResponseTopic = r.ReadString(); break;
            case MqttPropertyId.CorrelationData: p.CorrelationData = r.ReadBinary().ToArray(); break;
            case MqttPropertyId.SubscriptionIdentifier:
                var subscriptionId = r.ReadVariableByteInteger();
                if (subscriptionId == 0)
                {
                    throw MqttProtocolException.ProtocolError("subscription identifier 0");
                }
                (p.SubscriptionIdentifiers ??= []).Add(subscriptionId);
                break;
            case MqttPropertyId.SessionExpiryInterval: p.SessionExpiryInterval = r.ReadUInt32(); break;
            case MqttPropertyId.AssignedClientIdentifier: p.AssignedClientIdentifier = r.ReadString(); break;
            case MqttPropertyId.ServerKeepAlive: p.ServerKeepAlive = r.ReadUInt16(); break;
            case MqttPropertyId.AuthenticationMethod: p.AuthenticationMethod = r.ReadString(); break;
            case MqttPropertyId.AuthenticationData: p.AuthenticationData = r.ReadBinary().ToArray(); break;
            case MqttPropertyId.RequestProblemInformation: p.RequestProblemInformation = ReadFlag(ref r); break;
            case MqttPropertyId.WillDelayInterval: p.WillDelayInterval = r.ReadUInt32(); break;
            case MqttPropertyId.RequestResponseInformation: p.RequestResponseInformation = ReadFlag(ref r); break;
            case MqttPropertyId.ResponseInformation: p.ResponseInformation = r.ReadString(); break;
            case MqttPropertyId.ServerReference: p.ServerReference = r.ReadString(); break;
            case MqttPropertyId.ReasonString: p.ReasonString = r.ReadString(); break;
            case MqttPropertyId.ReceiveMaximum: p.ReceiveMaximum = ReadNonZero16(ref r, "receive maximum"); break;
            case MqttPropertyId.TopicAliasMaximum: p.TopicAliasMaximum = r.ReadUInt16(); break;
            case MqttPropertyId.TopicAlias: p.TopicAlias = r.ReadUInt16(); break;
            case MqttPropertyId.MaximumQos: p.MaximumQos = ReadFlag(ref r); break;
            case MqttPropertyId.RetainAvailable: p.RetainAvailable = ReadFlag(ref r); break;
            case MqttPropertyId.UserProperty:
                var name = r.ReadString();
                (p.UserProperties ??= []).Add(new MqttUserProperty(name, r.ReadString()));
                break;
            case MqttPropertyId.MaximumPacketSize:
                p.MaximumPacketSize = r.ReadUInt32();
                if (p.MaximumPacketSize == 0)
                {
                    throw MqttProtocolException.ProtocolError("maximum packet size 0");
                }
                break;
            case MqttPropertyId.WildcardSubscriptionAvailable: p.WildcardSubscriptionAvailable = ReadFlag(ref r); break;
            case MqttPropertyId.SubscriptionIdentifierAvailable: p.SubscriptionIdentifierAvailable = ReadFlag(ref r); break;
            case MqttPropertyId.SharedSubscriptionAvailable: p.SharedSubscriptionAvailable = ReadFlag(ref r); break;
            default:
                throw MqttProtocolException.ProtocolError($"unknown property 0x{(byte)id:X2}");
        }
    }

    /// <summary>Byte properties that are booleans (and Maximum QoS): any value above 1 is a Protocol Error.</summary>
    private static byte ReadFlag(ref MqttReader r)
    {
        var value = r.ReadByte();
        return value <= 1 ? value : throw MqttProtocolException.ProtocolError($"property value {value} is not 0 or 1");
    }

    private static ushort ReadNonZero16(ref MqttReader r, string what)
    {
        var value = r.ReadUInt16();
        return value != 0 ? value : throw MqttProtocolException.ProtocolError($"{what} 0");
    }
}
