namespace GridMeter.Mqtt.Packets;

/// <summary>PINGREQ or PINGRESP: no variable header, no payload.</summary>
public sealed class PingPacket : MqttPacket
{
    public static readonly PingPacket Request = new(MqttPacketType.PingReq);

    public static readonly PingPacket Response = new(MqttPacketType.PingResp);

    private PingPacket(MqttPacketType type) => Type = type;

    public override MqttPacketType Type { get; }
}
