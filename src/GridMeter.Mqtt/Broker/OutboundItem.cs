using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>One packet waiting in a connection's outbound queue; encoded only when it is written.</summary>
internal readonly struct OutboundItem
{
    private OutboundItem(Delivery delivery, ushort packetId, bool duplicate)
    {
        Delivery = delivery;
        PacketId = packetId;
        Duplicate = duplicate;
    }

    private OutboundItem(MqttPacketType ackType, ushort packetId, MqttReasonCode reason, string? reasonString)
    {
        AckType = ackType;
        PacketId = packetId;
        Reason = reason;
        ReasonString = reasonString;
    }

    private OutboundItem(MqttPacket packet) => Packet = packet;

    public Delivery Delivery { get; }

    public MqttPacket? Packet { get; }

    public MqttPacketType AckType { get; }

    public ushort PacketId { get; }

    public bool Duplicate { get; }

    public MqttReasonCode Reason { get; }

    public string? ReasonString { get; }

    public bool IsPublish => Delivery.Message is not null;

    public static OutboundItem Publish(in Delivery delivery, ushort packetId, bool duplicate) => new(delivery, packetId, duplicate);

    public static OutboundItem Ack(MqttPacketType type, ushort packetId, MqttReasonCode reason, string? reasonString) => new(type, packetId, reason, reasonString);

    public static OutboundItem Control(MqttPacket packet) => new(packet);

    /// <summary>What this item counts against the outbound byte budget.</summary>
    public int Weight => Delivery.Message is { } message ? message.Payload.Length + message.Topic.Length + 16 : 8;
}
