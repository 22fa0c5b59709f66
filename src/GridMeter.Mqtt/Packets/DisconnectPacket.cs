namespace GridMeter.Mqtt.Packets;

public sealed class DisconnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Disconnect;

    public MqttReasonCode ReasonCode { get; init; }

    /// <summary>MQTT 5.0 §3.14.2.2.2: the client may change its session expiry on the way out.</summary>
    public uint? SessionExpiryInterval { get; init; }

    public string? ReasonString { get; init; }

    public string? ServerReference { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
