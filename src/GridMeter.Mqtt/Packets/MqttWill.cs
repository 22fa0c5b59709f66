namespace GridMeter.Mqtt.Packets;

/// <summary>The will of a CONNECT (MQTT 3.1.1 §3.1.2.5, MQTT 5.0 §3.1.3.2).</summary>
public sealed class MqttWill
{
    public required MqttMessage Message { get; init; }

    /// <summary>MQTT 5.0 §3.1.3.2.2: seconds to wait after the connection is lost before publishing.</summary>
    public uint DelayInterval { get; init; }
}
