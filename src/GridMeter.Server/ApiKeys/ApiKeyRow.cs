namespace GridMeter.Server.ApiKeys;

/// <summary>A row of api_keys as Dapper reads it; instants in Unix milliseconds.</summary>
internal sealed record ApiKeyRow(
    string Id, string Name, string OrganisationId, long ReadOnly, long CreatedAt, string CreatedBy, long? ExpiresAt, long? RevokedAt)
{
    public const string Columns =
        "k.id, k.name, k.organisation_id, CAST(CASE WHEN k.read_only THEN 1 ELSE 0 END AS BIGINT) AS read_only, " +
        "k.created_at, k.created_by, k.expires_at, k.revoked_at";

    public ApiKey ToApiKey() => new(
        Id, Name, OrganisationId, ReadOnly != 0, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), CreatedBy,
        ExpiresAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
        RevokedAt is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null);
}
