using System.Buffers.Text;
using System.Security.Cryptography;
using Dapper;
using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.ApiKeys;

/// <summary>
/// API keys: "gmk_" and 256 random bits, shown once, kept as a SHA-256 hash (a key this long
/// cannot be guessed, so a fast hash is enough). A key acts with the role its organisation's kind
/// implies — supplier staff or operator staff — and may be limited to reading.
/// </summary>
public sealed class ApiKeyStore(IDatabase database, TimeProvider clock, AuditLog audit)
{
    public const string Prefix = "gmk_";

    public async Task<(ApiKey Key, string Secret)> CreateAsync(
        string name, string organisationId, bool readOnly, DateTimeOffset? expiresAt, AuditEntry entry, CancellationToken cancellationToken)
    {
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey(
            "k_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), name, organisationId, readOnly, clock.GetUtcNow(), entry.Actor, expiresAt, null);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, name, organisation_id, read_only, secret_hash, created_at, created_by, expires_at)
            VALUES (@Id, @Name, @OrganisationId, @ReadOnly, @Hash, @CreatedAt, @CreatedBy, @ExpiresAt)
            """,
            new
            {
                key.Id, key.Name, key.OrganisationId, key.ReadOnly, Hash = DeviceSecret.Hash(secret),
                CreatedAt = key.CreatedAt.ToUnixTimeMilliseconds(), key.CreatedBy, ExpiresAt = expiresAt?.ToUnixTimeMilliseconds(),
            },
            transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(connection, transaction, entry with { Target = $"key:{key.Id}" }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (key, secret);
    }

    /// <summary>The caller a presented key stands for, or null when it is unknown, expired or revoked.</summary>
    public async Task<Caller?> ValidateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Id, string OrganisationId, string Kind, long ReadOnly)>(new CommandDefinition(
            """
            SELECT k.id, k.organisation_id, o.kind, CAST(CASE WHEN k.read_only THEN 1 ELSE 0 END AS BIGINT)
            FROM api_keys k JOIN organisations o ON o.id = k.organisation_id
            WHERE k.secret_hash = @hash AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > @now)
            """,
            new { hash = DeviceSecret.Hash(secret), now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        if (row.Id is null)
        {
            return null;
        }
        var role = row.Kind == Organisation.SupplierKind ? Roles.Supplier : Roles.Operator;
        return new Caller(0, $"key:{row.Id}", role, row.OrganisationId) { ApiKeyId = row.Id, ReadOnly = row.ReadOnly != 0 };
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string? organisationId, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(new CommandDefinition(
            $"""
            SELECT {ApiKeyRow.Columns} FROM api_keys k WHERE (@organisationId IS NULL OR k.organisation_id = @organisationId)
            ORDER BY k.key LIMIT @limit OFFSET @offset
            """,
            new { organisationId, limit, offset }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => ApiKeyRow.ToApiKey((IDictionary<string, object?>)r))];
    }

    /// <summary>Revokes a key for good; false when there is no such key or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(string id, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            new { id, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        if (revoked == 0)
        {
            return false;
        }
        await audit.RecordAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
