using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Storage;
using Microsoft.AspNetCore.Identity;

namespace GridMeter.Server.Accounts;

/// <summary>Users and their passwords, hashed with ASP.NET Core's PasswordHasher (PBKDF2).</summary>
public sealed class UserAccounts(IDatabase database, TimeProvider clock)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    public async Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            "SELECT key, username, password_hash, role, organisation_id, email, mobile, security_stamp FROM users WHERE username = @username",
            new { username }, cancellationToken: cancellationToken));
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Creates a user, or returns null when the username is taken.</summary>
    public async Task<UserAccount?> CreateAsync(
        string username, string password, string role, string? organisationId, string? email, string? mobile, CancellationToken cancellationToken)
    {
        var draft = new UserAccount(0, username, "", role, organisationId, email, mobile, Guid.NewGuid().ToString("N"));
        draft = draft with { PasswordHash = Hasher.HashPassword(draft, password) };
        await using var connection = await database.OpenAsync(cancellationToken);
        var key = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO users (username, password_hash, role, organisation_id, email, mobile, security_stamp, created_at)
            VALUES (@Username, @PasswordHash, @Role, @OrganisationId, @Email, @Mobile, @SecurityStamp, @CreatedAt)
            ON CONFLICT (username) DO NOTHING
            RETURNING key
            """,
            new
            {
                draft.Username,
                draft.PasswordHash,
                draft.Role,
                draft.OrganisationId,
                draft.Email,
                draft.Mobile,
                draft.SecurityStamp,
                CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
        return key is null ? null : draft with { Key = key.Value };
    }

    /// <summary>Gives a consumer the meters of their premises.</summary>
    public async Task LinkMetersAsync(long userKey, IEnumerable<long> meterKeys, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var meterKey in meterKeys)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO user_meters (user_key, meter_key) VALUES (@userKey, @meterKey) ON CONFLICT DO NOTHING",
                new { userKey, meterKey }, cancellationToken: cancellationToken));
        }
    }

    // Checking against a real hash when the user does not exist keeps both answers equally slow,
    // so response time does not tell which usernames exist.
    private static readonly Lazy<UserAccount> Nobody = new(() =>
    {
        var nobody = new UserAccount(0, "", "", Roles.Consumer, null, null, null, "");
        return nobody with { PasswordHash = Hasher.HashPassword(nobody, Guid.NewGuid().ToString()) };
    });

    public static bool VerifyPassword(UserAccount? user, string password) =>
        Hasher.VerifyHashedPassword(user ?? Nobody.Value, (user ?? Nobody.Value).PasswordHash, password) != PasswordVerificationResult.Failed
        && user is not null;
}
