using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

/// <summary>
/// A packet broke the protocol. The decoder throws nothing else; the reason code says how the peer
/// is told (MQTT 5.0 §4.13: DISCONNECT or CONNACK with this reason, then close).
/// </summary>
public sealed class MqttProtocolException : Exception
{
    public MqttProtocolException(MqttReasonCode reasonCode, string message)
        : base(message) => ReasonCode = reasonCode;

    public MqttProtocolException()
        : this(MqttReasonCode.MalformedPacket, "malformed packet")
    {
    }

    public MqttProtocolException(string message)
        : this(MqttReasonCode.MalformedPacket, message)
    {
    }

    public MqttProtocolException(string message, Exception innerException)
        : base(message, innerException) => ReasonCode = MqttReasonCode.MalformedPacket;

    public MqttReasonCode ReasonCode { get; }

    /// <summary>The protocol level a CONNECT declared before it failed, when it got that far.</summary>
    public MqttProtocolVersion? ProtocolVersion { get; init; }

    internal static MqttProtocolException Malformed(string message) => new(MqttReasonCode.MalformedPacket, message);

    internal static MqttProtocolException ProtocolError(string message) => new(MqttReasonCode.ProtocolError, message);
}
