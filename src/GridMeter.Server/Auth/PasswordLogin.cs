using Dapper;
using GridMeter.Domain.Accounts;
using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Auth;

/// <summary>
/// Checks a username and password for every way of logging in (bearer token, portal form), with
/// lockout: <see cref="AuthOptions.MaxFailedLogins"/> wrong passwords in a row lock the account
/// for <see cref="AuthOptions.LockoutMinutes"/>, during which even the right password is refused.
/// Failures, locks and logins are audited. A refusal never says whether the user exists.
/// </summary>
public sealed partial class PasswordLogin(
    IDatabase database, AuditLog audit, TimeProvider clock, IOptions<AuthOptions> options, ILogger<PasswordLogin> logger)
{
    /// <summary>The user when the password is right and the account not locked; otherwise null.</summary>
    public async Task<UserAccount?> LoginAsync(string? username, string? password, string via, string? from, CancellationToken cancellationToken)
    {
        if (username is null || password is null || !AccountText.IsUsername(username) || password.Length is 0 or > AccountText.MaxPasswordLength)
        {
            LogRefused(via);
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var state = await connection.QuerySingleOrDefaultAsync<LoginState>(new CommandDefinition(
            $"SELECT {LoginState.Columns} FROM users WHERE username = @username", new { username }, cancellationToken: cancellationToken));
        var verdict = UserAccounts.Verify(state?.Account, password);
        if (state is null)
        {
            // Nothing changed, so nothing to audit; the log says it happened, without the name typed.
            LogRefused(via);
            return null;
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var actor = $"user:{username}";
        if (Lockout.IsLocked(state.LockedUntil is { } until ? Instant.FromUnixTimeMilliseconds(until) : null, now))
        {
            await audit.RecordAsync(connection, null, new(actor, "user.login_refused", actor, AuditDetails.Of(("via", via), ("reason", "locked")), from), cancellationToken);
            LogRefused(via);
            return null;
        }
        if (verdict == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(connection, state, actor, via, from, now, cancellationToken);
            LogRefused(via);
            return null;
        }

        var account = state.Account;
        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded;
        await connection.ExecuteAsync(new CommandDefinition(
            rehash
                ? "UPDATE users SET failed_logins = 0, locked_until = NULL, password_hash = @hash WHERE key = @key"
                : "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE key = @key AND (failed_logins <> 0 OR locked_until IS NOT NULL)",
            new { key = state.Key, hash = rehash ? UserAccounts.Hash(account, password) : null },
            cancellationToken: cancellationToken));
        await audit.RecordAsync(connection, null, new(actor, "user.logged_in", actor, AuditDetails.Of(("via", via)), from), cancellationToken);
        return account;
    }

    private async Task RecordFailureAsync(
        System.Data.Common.DbConnection connection, LoginState state, string actor, string via, string? from, Instant now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One statement counts the failure, so concurrent attempts each count.
        var failures = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE users SET failed_logins = failed_logins + 1 WHERE key = @key RETURNING failed_logins",
            new { key = state.Key }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(
            connection, transaction, new(actor, "user.login_failed", actor, AuditDetails.Of(("via", via), ("failuresInARow", failures)), from), cancellationToken);
        if (Lockout.LockAfter(failures, settings.MaxFailedLogins, now, Duration.FromMinutes(settings.LockoutMinutes)) is { } lockedUntil)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET failed_logins = 0, locked_until = @until WHERE key = @key",
                new { key = state.Key, until = lockedUntil.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            await audit.RecordAsync(
                connection, transaction,
                new(AuditLog.System, "user.locked", actor, AuditDetails.Of(("until", lockedUntil.ToDateTimeOffset()), ("failuresInARow", failures)), from),
                cancellationToken);
            LogLocked(state.Username, lockedUntil.ToDateTimeOffset());
        }
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a login via {Via}")]
    private partial void LogRefused(string via);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Locked user {Username} until {Until} after repeated wrong passwords")]
    private partial void LogLocked(string username, DateTimeOffset until);
}
