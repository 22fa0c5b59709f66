namespace GridMeter.Server.Broker;

/// <summary>
/// GridMeter:Mqtt — whether the server runs its embedded broker. The broker's own settings (Port,
/// Address, AllowAnonymous, TlsPort, limits) are bound from the same section into MqttBrokerOptions.
/// </summary>
public sealed class BrokerOptions
{
    public const string Section = "GridMeter:Mqtt";

    /// <summary>false turns MQTT off entirely (HTTP ingest still works).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>mqtt://host:port of an external broker cluster; the embedded broker then stays off.</summary>
    public string? ExternalBroker { get; set; }

    public bool RunsEmbeddedBroker => Enabled && string.IsNullOrWhiteSpace(ExternalBroker);
}
