namespace GridMeter.Server.ApiKeys;

/// <summary>An integrator's key acting for one organisation; the secret itself is never kept, only its SHA-256.</summary>
public sealed record ApiKey(
    string Id,
    string Name,
    string OrganisationId,
    bool ReadOnly,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt);
