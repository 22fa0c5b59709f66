namespace GridMeter.Mqtt.Packets;

/// <summary>SUBACK; MQTT 3.1.1 return codes 0, 1, 2 and 0x80 share the values of the 5.0 reason codes.</summary>
public sealed class SubAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.SubAck;

    public ushort PacketId { get; init; }

    public required IReadOnlyList<MqttReasonCode> ReasonCodes { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
