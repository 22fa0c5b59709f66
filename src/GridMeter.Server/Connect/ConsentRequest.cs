namespace GridMeter.Server.Connect;

/// <summary>
/// POST /api/v1/me/consents: a consumer authorises an application (OAuth 2 authorisation request
/// parameters: clientId, redirectUri, scope, state) to read chosen meters' data within [from, to).
/// </summary>
public sealed record ConsentRequest(string? ClientId, string? RedirectUri, string? Scope, string[]? MeterIds, string? From, string? To, string? State);
