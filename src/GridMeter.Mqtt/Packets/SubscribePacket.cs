namespace GridMeter.Mqtt.Packets;

public sealed class SubscribePacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Subscribe;

    public ushort PacketId { get; init; }

    /// <summary>MQTT 5.0 §3.8.2.1.2; 0 when absent.</summary>
    public uint SubscriptionIdentifier { get; init; }

    public required IReadOnlyList<MqttSubscription> Subscriptions { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
