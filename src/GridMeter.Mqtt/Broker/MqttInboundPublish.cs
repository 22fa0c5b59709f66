using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>A message a client published (or its will, now firing), before it is acknowledged and routed.</summary>
public sealed class MqttInboundPublish
{
    public required MqttClientContext Client { get; init; }

    public required MqttMessage Message { get; init; }

    /// <summary>The client's will, published because its connection ended without a normal DISCONNECT.</summary>
    public bool IsWill { get; init; }
}
