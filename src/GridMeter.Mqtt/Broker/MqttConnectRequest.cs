using System.Net;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>What a CONNECT asks for, handed to <see cref="IMqttBrokerHooks.AuthenticateAsync"/>.</summary>
public sealed class MqttConnectRequest
{
    public required string ClientId { get; init; }

    public string? Username { get; init; }

    public ReadOnlyMemory<byte>? Password { get; init; }

    public MqttProtocolVersion ProtocolVersion { get; init; }

    public EndPoint? RemoteEndPoint { get; init; }

    public bool CleanStart { get; init; }

    /// <summary>No user name and no password were given.</summary>
    public bool IsAnonymous => Username is null && Password is null;
}
