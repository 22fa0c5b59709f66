namespace GridMeter.Mqtt.Packets;

/// <summary>MQTT 5.0 AUTH (§3.15). The broker does not offer enhanced authentication; it is decoded to be refused.</summary>
public sealed class AuthPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Auth;

    public MqttReasonCode ReasonCode { get; init; }

    public string? AuthenticationMethod { get; init; }

    public ReadOnlyMemory<byte>? AuthenticationData { get; init; }

    public string? ReasonString { get; init; }
}
