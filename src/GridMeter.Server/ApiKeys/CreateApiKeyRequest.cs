namespace GridMeter.Server.ApiKeys;

/// <summary>POST /api/v1/apikeys: a name for people to recognise it, the organisation it acts for, and optional limits.</summary>
public sealed record CreateApiKeyRequest(string? Name, string? OrganisationId, bool? ReadOnly, DateTimeOffset? ExpiresAt);
