using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

/// <summary>A QoS 1 or 2 publish of ours awaiting PUBACK or PUBCOMP; kept across reconnects to be resent.</summary>
internal sealed class OutgoingPublish(MqttMessage message, ushort packetId, long sequence)
{
    public MqttMessage Message { get; } = message;

    public ushort PacketId { get; } = packetId;

    public long Sequence { get; } = sequence;

    /// <summary>QoS 2 after PUBREC: PUBREL goes out instead of the PUBLISH when resending (MQTT 5.0 §4.4).</summary>
    public bool Released { get; set; }

    public TaskCompletionSource<MqttPublishResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
