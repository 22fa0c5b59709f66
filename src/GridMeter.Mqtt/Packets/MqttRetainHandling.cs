namespace GridMeter.Mqtt.Packets;

/// <summary>MQTT 5.0 §3.8.3.1: when retained messages are sent for a new subscription.</summary>
public enum MqttRetainHandling : byte
{
    SendAtSubscribe = 0,
    SendAtSubscribeIfNew = 1,
    DoNotSend = 2,
}
