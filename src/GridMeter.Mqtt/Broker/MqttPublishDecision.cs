using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>
/// What becomes of an inbound publish: routed to subscribers or not, and the reason code its
/// PUBACK/PUBREC carries over MQTT 5.0 (3.1.1 acknowledges without a code).
/// </summary>
public readonly record struct MqttPublishDecision(MqttReasonCode ReasonCode, bool Route, string? ReasonString = null)
{
    public static MqttPublishDecision Accept => new(MqttReasonCode.Success, true);

    /// <summary>Rejects, e.g. with 0x99 Payload format invalid; <paramref name="route"/> still forwards it.</summary>
    public static MqttPublishDecision Reject(MqttReasonCode reasonCode, bool route = false, string? reasonString = null) =>
        new(reasonCode, route, reasonString);
}
