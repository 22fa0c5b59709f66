namespace GridMeter.Mqtt.Broker;

/// <summary>A QoS 1 or 2 publish sent to the client and not yet completed (MQTT 5.0 §4.3.2, §4.3.3).</summary>
internal sealed class InflightMessage(ushort packetId, Delivery delivery, long sequence)
{
    public ushort PacketId { get; } = packetId;

    public Delivery Delivery { get; } = delivery;

    /// <summary>Send order, so a resumed session resends in the original order (§4.6).</summary>
    public long Sequence { get; } = sequence;

    /// <summary>QoS 2 after PUBREC: PUBREL was sent, PUBCOMP is awaited.</summary>
    public bool Released { get; set; }
}
