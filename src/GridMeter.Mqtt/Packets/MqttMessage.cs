namespace GridMeter.Mqtt.Packets;

/// <summary>
/// An application message: what a PUBLISH carries, what a will is, and what hooks and client handlers see.
/// The MQTT 5.0 properties are null (or empty) when absent and are not sent over MQTT 3.1.1.
/// </summary>
public sealed class MqttMessage
{
    public required string Topic { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    public MqttQualityOfService QualityOfService { get; init; }

    public bool Retain { get; init; }

    /// <summary>MQTT 5.0 §3.3.2.3.2: true when the payload is declared UTF-8 text.</summary>
    public bool PayloadIsUtf8 { get; init; }

    /// <summary>MQTT 5.0 §3.3.2.3.3: lifetime in seconds; null means the message does not expire.</summary>
    public uint? MessageExpiryInterval { get; init; }

    public string? ContentType { get; init; }

    public string? ResponseTopic { get; init; }

    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>When the broker took the message in (TimeProvider timestamp), for message expiry.</summary>
    internal long ReceivedTimestamp { get; set; }

    public override string ToString() => $"{Topic} ({Payload.Length} bytes, QoS {(int)QualityOfService}{(Retain ? ", retained" : "")})";
}
