namespace GridMeter.Server.Connect;

/// <summary>POST /api/v1/oauth/clients: a third-party application and the one redirect URI it receives codes at.</summary>
public sealed record CreateClientRequest(string? Name, string? RedirectUri);
