using System.Net;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>The connected client as the hooks see it.</summary>
public sealed class MqttClientContext
{
    /// <summary>Kestrel's connection id, unique per network connection.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>The client id, or the one the broker assigned to an empty id.</summary>
    public required string ClientId { get; init; }

    public string? Username { get; init; }

    public MqttProtocolVersion ProtocolVersion { get; init; }

    public EndPoint? RemoteEndPoint { get; init; }

    /// <summary>The object <see cref="MqttAuthenticationResult.Accept"/> returned for this connection.</summary>
    public object? Identity { get; init; }

    public bool IsAnonymous { get; init; }

    public override string ToString() => $"{ClientId} ({RemoteEndPoint})";
}
