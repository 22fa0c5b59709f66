using System.Text.Json.Serialization;

namespace GridMeter.Server.ApiKeys;

/// <summary>An API key as the API shows it; the key itself appears only in the answer to its creation.</summary>
public sealed record ApiKeyResponse(
    string Id,
    string Name,
    string OrganisationId,
    bool ReadOnly,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key = null)
{
    public static ApiKeyResponse From(ApiKey key, string? secret = null) =>
        new(key.Id, key.Name, key.OrganisationId, key.ReadOnly, key.CreatedAt, key.CreatedBy, key.ExpiresAt, key.RevokedAt, secret);
}
