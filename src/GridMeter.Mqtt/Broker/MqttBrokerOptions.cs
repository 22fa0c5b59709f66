using System.ComponentModel.DataAnnotations;

namespace GridMeter.Mqtt.Broker;

/// <summary>Settings of the broker (bound by the server from "GridMeter:Mqtt").</summary>
public sealed class MqttBrokerOptions
{
    /// <summary>When false the broker opens no listener of its own; use <c>ListenOptions.UseMqtt()</c> on a Kestrel endpoint instead.</summary>
    public bool Listen { get; set; } = true;

    /// <summary>The address to listen on: an IP address, "localhost", or "*" / "0.0.0.0" for every interface.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The plain TCP port; 0 picks any free port (read it from <see cref="MqttBroker.Port"/> after start).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>A TLS port (0 = any free port), or null for none. Needs <see cref="TlsCertificatePath"/>.</summary>
    [Range(0, 65535)]
    public int? TlsPort { get; set; }

    /// <summary>A PEM certificate (with <see cref="TlsKeyPath"/>) or a PKCS#12 file (.pfx/.p12, with <see cref="TlsCertificatePassword"/>).</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsKeyPath { get; set; }

    public string? TlsCertificatePassword { get; set; }

    /// <summary>When false a CONNECT without a user name is refused (3.1.1 return code 5, 5.0 reason 0x87).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The largest packet accepted, and announced in the 5.0 CONNACK. 256 KiB of payload plus headroom.</summary>
    [Range(128, 268_435_460)]
    public int MaximumPacketSize { get; set; } = 256 * 1024 + 8 * 1024;

    /// <summary>QoS 1 and 2 messages kept for a persistent session while offline or while its in-flight window is full.</summary>
    [Range(1, 1_000_000)]
    public int MaximumQueuedMessagesPerSession { get; set; } = 1000;

    /// <summary>QoS 1 and 2 publishes sent to a client and not yet acknowledged (capped by the client's Receive Maximum).</summary>
    [Range(1, 65535)]
    public int MaximumInflightMessages { get; set; } = 100;

    /// <summary>Inbound QoS 1 and 2 publishes of one connection whose hooks may run at once; also the 5.0 Receive Maximum sent.</summary>
    [Range(1, 65535)]
    public int ReceiveMaximum { get; set; } = 100;

    /// <summary>Bytes waiting to be written to one connection; QoS 0 messages beyond it are dropped (a slow consumer).</summary>
    [Range(4096, int.MaxValue)]
    public int MaximumOutboundQueueBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest keep alive a client may ask for (5.0: answered with Server Keep Alive); 0 = any.</summary>
    [Range(0, 65535)]
    public int MaximumKeepAliveSeconds { get; set; } = 3600;

    /// <summary>How long a new connection may take to send CONNECT.</summary>
    [Range(1, 3600)]
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>The cap on session expiry; MQTT 3.1.1 persistent sessions (clean session 0) get this too.</summary>
    [Range(0, uint.MaxValue)]
    public long MaximumSessionExpirySeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>Topic aliases a 5.0 client may use towards the broker (Topic Alias Maximum in CONNACK).</summary>
    [Range(0, 65535)]
    public int TopicAliasMaximum { get; set; } = 64;

    /// <summary>The most topic filters one session may hold.</summary>
    [Range(1, 1_000_000)]
    public int MaximumSubscriptionsPerSession { get; set; } = 1000;
}
