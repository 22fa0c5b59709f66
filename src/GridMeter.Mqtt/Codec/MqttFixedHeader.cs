using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

/// <summary>The fixed header of a packet (MQTT 5.0 §2.1): type, flags and the remaining length.</summary>
public readonly record struct MqttFixedHeader(byte FirstByte, int RemainingLength, int HeaderLength)
{
    public MqttPacketType Type => (MqttPacketType)(FirstByte >> 4);

    public byte Flags => (byte)(FirstByte & 0x0F);

    public int TotalLength => HeaderLength + RemainingLength;
}
