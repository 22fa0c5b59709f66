namespace GridMeter.Mqtt.Packets;

public sealed class ConnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Connect;

    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V500;

    public string ClientId { get; init; } = "";

    /// <summary>Clean Session in MQTT 3.1.1, Clean Start in MQTT 5.0.</summary>
    public bool CleanStart { get; init; } = true;

    public ushort KeepAliveSeconds { get; init; }

    public string? Username { get; init; }

    public ReadOnlyMemory<byte>? Password { get; init; }

    public MqttWill? Will { get; init; }

    /// <summary>MQTT 5.0 §3.1.2.11.2; 0 ends the session with the connection.</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>MQTT 5.0 §3.1.2.11.3: how many QoS 1 and 2 publishes the client takes at once.</summary>
    public ushort ReceiveMaximum { get; init; } = ushort.MaxValue;

    /// <summary>MQTT 5.0 §3.1.2.11.4; 0 means no limit beyond the protocol's.</summary>
    public uint MaximumPacketSize { get; init; }

    public ushort TopicAliasMaximum { get; init; }

    public bool RequestResponseInformation { get; init; }

    public bool RequestProblemInformation { get; init; } = true;

    public string? AuthenticationMethod { get; init; }

    public ReadOnlyMemory<byte>? AuthenticationData { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
