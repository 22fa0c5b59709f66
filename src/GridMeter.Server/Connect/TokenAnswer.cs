using System.Text.Json.Serialization;

namespace GridMeter.Server.Connect;

/// <summary>RFC 6749 §5.1 access token response, with its snake_case names.</summary>
public sealed record TokenAnswer(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);
