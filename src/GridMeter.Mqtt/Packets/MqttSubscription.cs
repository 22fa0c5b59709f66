namespace GridMeter.Mqtt.Packets;

/// <summary>One topic filter of a SUBSCRIBE with its options (MQTT 5.0 §3.8.3.1).</summary>
public sealed record MqttSubscription(string TopicFilter, MqttQualityOfService MaximumQualityOfService = MqttQualityOfService.AtLeastOnce)
{
    /// <summary>MQTT 5.0: do not send the subscriber its own publishes.</summary>
    public bool NoLocal { get; init; }

    /// <summary>MQTT 5.0: keep the RETAIN flag of forwarded messages as published.</summary>
    public bool RetainAsPublished { get; init; }

    public MqttRetainHandling RetainHandling { get; init; }
}
