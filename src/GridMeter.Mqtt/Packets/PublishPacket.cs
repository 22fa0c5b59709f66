namespace GridMeter.Mqtt.Packets;

public sealed class PublishPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Publish;

    public required MqttMessage Message { get; init; }

    /// <summary>0 for QoS 0.</summary>
    public ushort PacketId { get; init; }

    public bool Duplicate { get; init; }

    /// <summary>MQTT 5.0 §3.3.2.3.4; 0 when absent.</summary>
    public ushort TopicAlias { get; init; }

    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];
}
