using System.Text.Json.Serialization;

namespace GridMeter.Server.Broker;

/// <summary>POST /api/v1/broker/authenticate: what an EMQX-style broker knows of a connecting client.</summary>
public sealed record BrokerAuthenticateRequest(string? ClientId, string? Username, string? Password);

/// <summary>POST /api/v1/broker/authorize: a client's publish or subscribe the broker asks about.</summary>
public sealed record BrokerAuthorizeRequest(string? ClientId, string? Username, string? Topic, string? Action);

/// <summary>The hooks' answer in EMQX's HTTP authentication and authorisation shape: result allow or deny.</summary>
public sealed record BrokerHookAnswer(
    string Result,
    [property: JsonPropertyName("is_superuser"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsSuperuser = null)
{
    public static BrokerHookAnswer Allow(bool? superuser = null) => new("allow", superuser);

    public static BrokerHookAnswer Deny(bool? superuser = null) => new("deny", superuser);
}
