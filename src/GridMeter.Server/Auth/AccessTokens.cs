using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Auth;

/// <summary>
/// Opaque bearer tokens: 256 random bits handed out once, kept only as a SHA-256 hash with an
/// expiry. Being rows in the database, they are valid on every node and can be revoked at once.
/// </summary>
public sealed class AccessTokens(IDatabase database, TimeProvider clock, IOptions<AuthOptions> options)
{
    public TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.TokenLifetimeSeconds);

    public async Task<string> IssueAsync(long userKey, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM access_tokens WHERE user_key = @userKey AND expires_at <= @now;
            INSERT INTO access_tokens (token_hash, user_key, expires_at) VALUES (@hash, @userKey, @expiresAt);
            """,
            new { hash = Hash(token), userKey, now = now.ToUnixTimeMilliseconds(), expiresAt = (now + Lifetime).ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return token;
    }

    /// <summary>The caller a token stands for, or null when it is unknown, expired or revoked.</summary>
    public async Task<Caller?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Caller>(new CommandDefinition(
            """
            SELECT u.key AS user_key, u.username, u.role, u.organisation_id
            FROM access_tokens t JOIN users u ON u.key = t.user_key
            WHERE t.token_hash = @hash AND t.expires_at > @now
            """,
            new { hash = Hash(token), now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }

    /// <summary>Ends the session of one token (logging out).</summary>
    public async Task RevokeAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM access_tokens WHERE token_hash = @hash", new { hash = Hash(token) }, cancellationToken: cancellationToken));
    }

    /// <summary>The token in an "Authorization: Bearer …" header, or null.</summary>
    public static string? FromHeader(string? header) =>
        header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;

    /// <summary>Ends every session of a user, e.g. after a password change.</summary>
    public async Task RevokeAllAsync(long userKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM access_tokens WHERE user_key = @userKey", new { userKey }, cancellationToken: cancellationToken));
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
