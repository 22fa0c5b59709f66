namespace GridMeter.Server.Broker;

/// <summary>
/// GridMeter:Mqtt — whether the server runs its embedded broker. The broker's own settings (Port,
/// Address, AllowAnonymous, TlsPort, limits) are bound from the same section into MqttBrokerOptions.
/// The External* settings apply when <see cref="ExternalBroker"/> is set (docs/mqtt.md, "External broker").
/// </summary>
public sealed class BrokerOptions
{
    public const string Section = "GridMeter:Mqtt";

    /// <summary>false turns MQTT off entirely (HTTP ingest still works).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>mqtt://host:port (or mqtts://) of an external broker cluster; the embedded broker then stays off.</summary>
    public string? ExternalBroker { get; set; }

    /// <summary>
    /// This node's client id at the external broker. Stable across restarts, so the broker keeps the
    /// node's session (and what it had not acknowledged yet) while it is away; defaults to gridmeter-{machine name}.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>The login of the nodes at the external broker.</summary>
    public string? ExternalUsername { get; set; }

    public string? ExternalPassword { get; set; }

    /// <summary>How long the external broker keeps a node's session after it went away.</summary>
    public uint ExternalSessionExpirySeconds { get; set; } = 86_400;

    /// <summary>The MQTT 5.0 shared-subscription group of all nodes ($share/{group}/meters/+/readings …).</summary>
    public string ShareGroup { get; set; } = "gridmeter";

    /// <summary>
    /// Keep device logins and topic rights in Mosquitto's dynamic-security plugin in step with
    /// provisioning (the node's login must hold the plugin's admin role).
    /// </summary>
    public bool MosquittoDynamicSecurity { get; set; }

    /// <summary>
    /// The shared key an EMQX-style broker sends (Authorization: Bearer …) to /api/v1/broker/authenticate
    /// and /api/v1/broker/authorize; unset turns those endpoints off (404).
    /// </summary>
    public string? HookKey { get; set; }

    public bool RunsEmbeddedBroker => Enabled && string.IsNullOrWhiteSpace(ExternalBroker);

    public bool UsesExternalBroker => Enabled && !string.IsNullOrWhiteSpace(ExternalBroker);

    /// <summary>The client id this node uses at the external broker.</summary>
    public string NodeClientId => string.IsNullOrWhiteSpace(ClientId) ? $"gridmeter-{Environment.MachineName}" : ClientId;
}
