using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Connect;

/// <summary>
/// Registered third-party applications, consumers' grants, their one-time authorisation codes and
/// access tokens. Secrets, codes and tokens are kept only as SHA-256 hashes.
/// </summary>
public sealed class ConnectStore(IDatabase database)
{
    private const string GrantColumns =
        "g.key, g.client_key AS ClientKey, c.client_id AS ClientId, g.user_key AS UserKey, g.scopes, g.meter_ids AS MeterIds, " +
        "g.data_from AS DataFrom, g.data_to AS DataTo, g.revoked_at AS RevokedAt, g.created_at AS CreatedAt";

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public async Task<bool> CreateClientAsync(string clientId, string name, string redirectUri, string secret, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO oauth_clients (client_id, name, redirect_uri, secret_hash, created_at) VALUES (@clientId, @name, @redirectUri, @hash, @now)
            ON CONFLICT (client_id) DO NOTHING
            """,
            new { clientId, name, redirectUri, hash = Hash(secret), now }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<ConnectClient?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        if (clientId.Length is 0 or > 64 || !clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConnectClient>(new CommandDefinition(
            "SELECT key, client_id AS ClientId, name, redirect_uri AS RedirectUri, secret_hash AS SecretHash FROM oauth_clients WHERE client_id = @clientId",
            new { clientId }, cancellationToken: cancellationToken));
    }

    public async Task<long> CreateGrantAsync(long clientKey, long userKey, string scopes, string meterIds, long dataFrom, long dataTo, string code, long codeExpiresAt, long now,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO oauth_grants (client_key, user_key, scopes, meter_ids, data_from, data_to, code_hash, code_expires_at, created_at)
            VALUES (@clientKey, @userKey, @scopes, @meterIds, @dataFrom, @dataTo, @hash, @codeExpiresAt, @now) RETURNING key
            """,
            new { clientKey, userKey, scopes, meterIds, dataFrom, dataTo, hash = Hash(code), codeExpiresAt, now }, cancellationToken: cancellationToken));
    }

    /// <summary>Exchanges a code once: the grant it belongs to, or null when unknown, used, expired, revoked or another client's.</summary>
    public async Task<ConnectGrant?> RedeemCodeAsync(string code, long clientKey, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var key = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            UPDATE oauth_grants SET code_hash = NULL, code_expires_at = NULL
            WHERE code_hash = @hash AND client_key = @clientKey AND code_expires_at > @now AND revoked_at IS NULL RETURNING key
            """,
            new { hash = Hash(code), clientKey, now }, cancellationToken: cancellationToken));
        return key is null ? null : await FindGrantAsync(key.Value, cancellationToken);
    }

    public async Task IssueTokenAsync(long grantKey, string token, long expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO oauth_tokens (token_hash, grant_key, expires_at) VALUES (@hash, @grantKey, @expiresAt)",
            new { hash = Hash(token), grantKey, expiresAt }, cancellationToken: cancellationToken));
    }

    /// <summary>The grant an access token stands for, or null when it is unknown, expired or revoked.</summary>
    public async Task<ConnectGrant?> GrantOfTokenAsync(string token, long now, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConnectGrant>(new CommandDefinition(
            $"""
            SELECT {GrantColumns} FROM oauth_tokens t JOIN oauth_grants g ON g.key = t.grant_key JOIN oauth_clients c ON c.key = g.client_key
            WHERE t.token_hash = @hash AND t.expires_at > @now AND g.revoked_at IS NULL
            """,
            new { hash = Hash(token), now }, cancellationToken: cancellationToken));
    }

    public async Task<ConnectGrant?> FindGrantAsync(long key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConnectGrant>(new CommandDefinition(
            $"SELECT {GrantColumns} FROM oauth_grants g JOIN oauth_clients c ON c.key = g.client_key WHERE g.key = @key",
            new { key }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ConnectGrant>> GrantsOfUserAsync(long userKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConnectGrant>(new CommandDefinition(
            $"SELECT {GrantColumns} FROM oauth_grants g JOIN oauth_clients c ON c.key = g.client_key WHERE g.user_key = @userKey ORDER BY g.key",
            new { userKey }, cancellationToken: cancellationToken))];
    }

    /// <summary>Revokes a user's grant and ends its tokens; false when it is not theirs or already revoked.</summary>
    public async Task<bool> RevokeAsync(long grantKey, long userKey, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE oauth_grants SET revoked_at = @now, code_hash = NULL WHERE key = @grantKey AND user_key = @userKey AND revoked_at IS NULL",
            new { grantKey, userKey, now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM oauth_tokens WHERE grant_key = @grantKey AND @revoked = 1", new { grantKey, revoked }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return revoked == 1;
    }
}
