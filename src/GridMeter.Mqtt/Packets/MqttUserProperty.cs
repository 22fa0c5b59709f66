namespace GridMeter.Mqtt.Packets;

/// <summary>An MQTT 5.0 user property (§3.3.2.3.7): a name/value pair that may repeat.</summary>
public readonly record struct MqttUserProperty(string Name, string Value);
