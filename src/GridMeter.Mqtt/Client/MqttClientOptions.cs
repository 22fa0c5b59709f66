using System.ComponentModel.DataAnnotations;
using System.Net.Security;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

/// <summary>How <see cref="MqttClient"/> connects, and what it asks the broker for.</summary>
public sealed class MqttClientOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    public bool UseTls { get; set; }

    /// <summary>The name the broker's certificate must carry; defaults to <see cref="Host"/>.</summary>
    public string? TlsTargetHost { get; set; }

    /// <summary>Replaces the normal certificate check (e.g. to trust a private CA); null keeps the system's check.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; set; }

    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    /// <summary>Empty lets the broker assign one (3.1.1 only with <see cref="CleanStart"/>).</summary>
    public string ClientId { get; set; } = "";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Clean Start (5.0) / Clean Session (3.1.1) on the first connect; reconnects always resume the session.</summary>
    public bool CleanStart { get; set; } = true;

    /// <summary>MQTT 5.0: how long the broker keeps the session after a disconnect (0xFFFFFFFF = forever). 3.1.1 uses CleanStart.</summary>
    public uint SessionExpirySeconds { get; set; }

    [Range(0, 65535)]
    public int KeepAliveSeconds { get; set; } = 60;

    public MqttWill? Will { get; set; }

    /// <summary>QoS 1 and 2 messages the broker may send before they are acknowledged; also how many receive handlers may run at once.</summary>
    [Range(1, 65535)]
    public int ReceiveMaximum { get; set; } = 100;

    /// <summary>QoS 1 and 2 publishes of ours that may await their acknowledgement at once (capped by the broker's Receive Maximum).</summary>
    [Range(1, 65535)]
    public int MaximumInflight { get; set; } = 100;

    /// <summary>MQTT 5.0 topic aliases the broker may use towards us.</summary>
    [Range(0, 65535)]
    public int TopicAliasMaximum { get; set; } = 16;

    /// <summary>MQTT 5.0: the largest packet we accept (0 = no limit announced).</summary>
    public uint MaximumPacketSize { get; set; }

    public bool AutoReconnect { get; set; } = true;

    public TimeSpan ReconnectMinimumDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaximumDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];

    /// <summary>Fills host, port and TLS from "mqtt://host:port" or "mqtts://host:port" (the server's ExternalBroker setting).</summary>
    public MqttClientOptions WithServer(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        UseTls = server.Scheme is "mqtts" or "ssl" or "tls";
        if (!UseTls && server.Scheme is not ("mqtt" or "tcp"))
        {
            throw new ArgumentException($"'{server}' is not an mqtt:// or mqtts:// address", nameof(server));
        }
        Host = server.Host;
        Port = server.IsDefaultPort || server.Port <= 0 ? (UseTls ? 8883 : 1883) : server.Port;
        return this;
    }
}
