using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

/// <summary>How one PUBLISH of a message goes out: the packet fields that differ per receiver.</summary>
internal readonly record struct OutboundPublish(
    MqttQualityOfService Qos,
    bool Retain,
    ushort PacketId,
    bool Duplicate,
    ushort TopicAlias = 0,
    bool OmitTopic = false,
    uint? ExpiryInterval = null,
    IReadOnlyList<uint>? SubscriptionIdentifiers = null);
