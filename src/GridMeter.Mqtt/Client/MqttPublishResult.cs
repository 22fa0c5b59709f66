using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

/// <summary>
/// The outcome of a publish: Success for QoS 0 once written; for QoS 1 the PUBACK's reason code, for QoS 2
/// the PUBCOMP's (or the PUBREC's when the broker refused). MQTT 3.1.1 brokers always report Success.
/// </summary>
public readonly record struct MqttPublishResult(MqttReasonCode ReasonCode, string? ReasonString = null)
{
    public bool IsSuccess => (byte)ReasonCode < 0x80;
}
