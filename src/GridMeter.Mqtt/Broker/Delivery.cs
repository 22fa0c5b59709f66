using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>A message on its way to one session: the QoS and RETAIN flag it is sent with there.</summary>
internal readonly record struct Delivery(MqttMessage Message, MqttQualityOfService Qos, bool Retain, IReadOnlyList<uint>? SubscriptionIdentifiers);
