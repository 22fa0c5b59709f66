namespace GridMeter.Mqtt.Packets;

/// <summary>UNSUBACK; MQTT 3.1.1 has no reason codes, so the decoder reports Success for each filter it cannot see.</summary>
public sealed class UnsubAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.UnsubAck;

    public ushort PacketId { get; init; }

    public IReadOnlyList<MqttReasonCode> ReasonCodes { get; init; } = [];

    public string? ReasonString { get; init; }
}
