namespace GridMeter.Server.Connect;

/// <summary>A registered application; its secret only in the answer that registered it.</summary>
public sealed record ClientResponse(string ClientId, string Name, string RedirectUri, string? ClientSecret);
