using System.Data.Common;
using Dapper;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using Microsoft.AspNetCore.Identity;

namespace GridMeter.Server.Accounts;

/// <summary>Users and their passwords, hashed with ASP.NET Core's PasswordHasher (PBKDF2).</summary>
public sealed class UserAccounts(IDatabase database, TimeProvider clock, AuditLog audit)
{
    private const string Columns = "u.key, u.username, u.password_hash, u.role, u.organisation_id, u.email, u.mobile, u.security_stamp";

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    public async Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            $"SELECT {Columns} FROM users u WHERE u.username = @username", new { username }, cancellationToken: cancellationToken));
    }

    public async Task<UserAccount?> FindAsync(long key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            $"SELECT {Columns} FROM users u WHERE u.key = @key", new { key }, cancellationToken: cancellationToken));
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The user if it exists and <paramref name="caller"/> may see it (<see cref="UserScope"/>); otherwise null, alike.</summary>
    public async Task<UserAccount?> FindVisibleAsync(string username, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            $"SELECT {Columns} FROM users u WHERE u.username = @Username AND {UserScope.Condition(caller)}",
            new DynamicParameters(MeterScope.Parameters(caller)).With("Username", username),
            cancellationToken: cancellationToken));
    }

    public async Task<bool> IsVisibleAsync(string username, Caller caller, CancellationToken cancellationToken) =>
        await FindVisibleAsync(username, caller, cancellationToken) is not null;

    public async Task<IReadOnlyList<UserAccount>> ListVisibleAsync(Caller caller, string? role, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserAccount>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM users u WHERE {UserScope.Condition(caller)} AND (@Role IS NULL OR u.role = @Role)
            ORDER BY u.username LIMIT @Limit OFFSET @Offset
            """,
            new DynamicParameters(MeterScope.Parameters(caller)).WithText("Role", role).With("Limit", limit).With("Offset", offset),
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Creates a user, or returns null when the username is taken.</summary>
    public async Task<UserAccount?> CreateAsync(
        string username, string password, string role, string? organisationId, string? email, string? mobile, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await InsertAsync(connection, null, Draft(username, password, role, organisationId, email, mobile), cancellationToken);
    }

    /// <summary>
    /// Creates a user linked to meters and premises, and records it in the audit log, all in one
    /// transaction; null when the username is taken (then nothing changes).
    /// </summary>
    public async Task<UserAccount?> CreateAsync(NewUser user, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await InsertAsync(
            connection, transaction, Draft(user.Username, user.Password, user.Role, user.OrganisationId, user.Email, user.Mobile), cancellationToken);
        if (created is null)
        {
            return null;
        }
        await UserLinks.AddAsync(connection, transaction, created.Key, user.MeterKeys, user.PremisesKeys, cancellationToken);
        await audit.RecordAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>Gives a consumer the meters of their premises.</summary>
    public async Task LinkMetersAsync(long userKey, IEnumerable<long> meterKeys, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await UserLinks.AddAsync(connection, null, userKey, [.. meterKeys], [], cancellationToken);
    }

    public async Task UpdateProfileAsync(long key, string? email, string? mobile, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET email = @email, mobile = @mobile WHERE key = @key", new { key, email, mobile }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Sets a new password and a new security stamp, which ends every portal session; the caller
    /// revokes bearer tokens. Recorded in the audit log in the same transaction.
    /// </summary>
    public async Task ChangePasswordAsync(UserAccount user, string newPassword, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @hash, security_stamp = @stamp, password_changed_at = @now WHERE key = @key",
            new { key = user.Key, hash = Hasher.HashPassword(user, newPassword), stamp = NewStamp(), now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM access_tokens WHERE user_key = @key", new { key = user.Key }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Checking against a real hash when the user does not exist keeps both answers equally slow,
    // so response time does not tell which usernames exist.
    private static readonly Lazy<UserAccount> Nobody = new(() =>
    {
        var nobody = new UserAccount(0, "", "", Roles.Consumer, null, null, null, "");
        return nobody with { PasswordHash = Hasher.HashPassword(nobody, Guid.NewGuid().ToString()) };
    });

    public static bool VerifyPassword(UserAccount? user, string password) => Verify(user, password) != PasswordVerificationResult.Failed && user is not null;

    public static PasswordVerificationResult Verify(UserAccount? user, string password) =>
        Hasher.VerifyHashedPassword(user ?? Nobody.Value, (user ?? Nobody.Value).PasswordHash, password);

    public static string Hash(UserAccount user, string password) => Hasher.HashPassword(user, password);

    private static UserAccount Draft(string username, string password, string role, string? organisationId, string? email, string? mobile)
    {
        var draft = new UserAccount(0, username, "", role, organisationId, email, mobile, NewStamp());
        return draft with { PasswordHash = Hasher.HashPassword(draft, password) };
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private async Task<UserAccount?> InsertAsync(DbConnection connection, DbTransaction? transaction, UserAccount draft, CancellationToken cancellationToken)
    {
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
            transaction,
            cancellationToken: cancellationToken));
        return key is null ? null : draft with { Key = key.Value };
    }
}
