using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>An inbound publish whose hooks have not finished yet, kept in receive order.</summary>
internal readonly record struct PendingPublish(MqttMessage Message, ushort PacketId, bool IsRepeat, Task<MqttPublishDecision>? Decision);
