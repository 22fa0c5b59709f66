using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

/// <summary>
/// Every MQTT 5.0 property a packet may carry, read in one pass. <see cref="Present"/> has bit n set
/// for property id n, so each packet checks what it allows with one mask (MQTT 5.0 §2.2.2.2).
/// </summary>
internal struct MqttProperties
{
    public ulong Present;
    public byte PayloadFormatIndicator;
    public uint MessageExpiryInterval;
    public string? ContentType;
    public string? ResponseTopic;
    public byte[]? CorrelationData;
    public List<uint>? SubscriptionIdentifiers;
    public uint SessionExpiryInterval;
    public string? AssignedClientIdentifier;
    public ushort ServerKeepAlive;
    public string? AuthenticationMethod;
    public byte[]? AuthenticationData;
    public byte RequestProblemInformation;
    public uint WillDelayInterval;
    public byte RequestResponseInformation;
    public string? ResponseInformation;
    public string? ServerReference;
    public string? ReasonString;
    public ushort ReceiveMaximum;
    public ushort TopicAliasMaximum;
    public ushort TopicAlias;
    public byte MaximumQos;
    public byte RetainAvailable;
    public List<MqttUserProperty>? UserProperties;
    public uint MaximumPacketSize;
    public byte WildcardSubscriptionAvailable;
    public byte SubscriptionIdentifierAvailable;
    public byte SharedSubscriptionAvailable;

    public readonly bool Has(MqttPropertyId id) => (Present & Bit(id)) != 0;

    public readonly IReadOnlyList<MqttUserProperty> UserPropertyList => UserProperties ?? (IReadOnlyList<MqttUserProperty>)[];

    /// <summary>A null array stays absent (the implicit array conversion would make it present and empty).</summary>
    public static ReadOnlyMemory<byte>? Optional(byte[]? bytes) =>
        bytes is null ? default(ReadOnlyMemory<byte>?) : new ReadOnlyMemory<byte>(bytes);

    public static ulong Bit(MqttPropertyId id) => 1UL << (int)id;

    public static ulong Mask(params ReadOnlySpan<MqttPropertyId> ids)
    {
        ulong mask = Bit(MqttPropertyId.UserProperty);
        foreach (var id in ids)
        {
            mask |= Bit(id);
        }
        return mask;
    }
}
