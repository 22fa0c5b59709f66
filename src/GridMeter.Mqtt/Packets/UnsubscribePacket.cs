namespace GridMeter.Mqtt.Packets;

public sealed class UnsubscribePacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;

    public ushort PacketId { get; init; }

    public required IReadOnlyList<string> TopicFilters { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
