namespace GridMeter.Mqtt.Packets;

/// <summary>A decoded control packet; the subclasses carry the variable header and payload.</summary>
public abstract class MqttPacket
{
    public abstract MqttPacketType Type { get; }
}
