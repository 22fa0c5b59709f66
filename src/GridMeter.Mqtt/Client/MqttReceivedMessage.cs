using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

/// <summary>A message the broker delivered to us.</summary>
public sealed record MqttReceivedMessage(MqttMessage Message, bool IsDuplicate, IReadOnlyList<uint> SubscriptionIdentifiers);
