namespace GridMeter.Mqtt.Packets;

/// <summary>
/// CONNACK. <see cref="ReasonCode"/> is the MQTT 5.0 reason code; over MQTT 3.1.1 it is mapped to
/// the return codes of §3.2.2.3 by the encoder and back by the decoder.
/// </summary>
public sealed class ConnAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.ConnAck;

    public bool SessionPresent { get; init; }

    public MqttReasonCode ReasonCode { get; init; }

    public uint? SessionExpiryInterval { get; init; }

    public ushort? ReceiveMaximum { get; init; }

    public MqttQualityOfService? MaximumQualityOfService { get; init; }

    public bool? RetainAvailable { get; init; }

    public uint? MaximumPacketSize { get; init; }

    public string? AssignedClientIdentifier { get; init; }

    public ushort? TopicAliasMaximum { get; init; }

    public string? ReasonString { get; init; }

    public bool? WildcardSubscriptionAvailable { get; init; }

    public bool? SubscriptionIdentifiersAvailable { get; init; }

    public bool? SharedSubscriptionAvailable { get; init; }

    public ushort? ServerKeepAlive { get; init; }

    public string? ResponseInformation { get; init; }

    public string? ServerReference { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
