namespace GridMeter.Mqtt.Codec;

/// <summary>The parts of a PUBLISH that belong to the packet rather than the message.</summary>
internal readonly record struct PublishHeader(ushort PacketId, bool Duplicate, ushort TopicAlias, List<uint>? SubscriptionIdentifiers);
