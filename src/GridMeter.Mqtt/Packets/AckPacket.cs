namespace GridMeter.Mqtt.Packets;

/// <summary>PUBACK, PUBREC, PUBREL or PUBCOMP: a packet id and (MQTT 5.0) a reason code.</summary>
public sealed class AckPacket(MqttPacketType type) : MqttPacket
{
    public override MqttPacketType Type { get; } = type;

    public ushort PacketId { get; init; }

    public MqttReasonCode ReasonCode { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
