using System.Data.Common;
using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Audit;

/// <summary>
/// The append-only audit log. Entries are only ever inserted; nothing in GridMeter updates or
/// deletes them. Write an entry in the same transaction as the change it records when there is one.
/// </summary>
public sealed class AuditLog(IDatabase database, TimeProvider clock)
{
    public const string System = "system";

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await RecordAsync(connection, null, entry, cancellationToken);
    }

    public Task RecordAsync(DbConnection connection, DbTransaction? transaction, AuditEntry entry, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (at, actor, action, target, details, from_address)
            VALUES (@at, @Actor, @Action, @Target, @Details, @From)
            """,
            new { at = clock.GetUtcNow().ToUnixTimeMilliseconds(), entry.Actor, entry.Action, entry.Target, entry.Details, entry.From },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>The newest entries first, optionally only those about one target.</summary>
    public Task<IReadOnlyList<AuditRecord>> ReadAsync(string? target, long? beforeKey, int limit, CancellationToken cancellationToken) =>
        ReadAsync(new AuditQuery(Target: target, BeforeKey: beforeKey, Limit: limit), cancellationToken);

    /// <summary>The newest entries first that match every filter given.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRecord>(new CommandDefinition(
            """
            SELECT key, at, actor, action, target, details, from_address AS FromAddress FROM audit_log
            WHERE (@Actor IS NULL OR actor = @Actor) AND (@Action IS NULL OR action = @Action) AND (@Target IS NULL OR target = @Target)
              AND (@From IS NULL OR at >= @From) AND (@To IS NULL OR at < @To) AND (@BeforeKey IS NULL OR key < @BeforeKey)
            ORDER BY key DESC LIMIT @Limit
            """,
            query,
            cancellationToken: cancellationToken));
        return [.. rows];
    }
}
