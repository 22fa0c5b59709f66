using System.Data.Common;
using Dapper;
using GridMeter.Domain.Commands;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Commands;

/// <summary>The commands table. Every status change is a conditional UPDATE, so two nodes or two threads never both move one command.</summary>
public sealed class CommandStore(IDatabase database)
{
    private const string From = "FROM commands c JOIN meters m ON m.key = c.meter_key";

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    public async Task<CommandRow?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CommandRow>(new CommandDefinition(
            $"SELECT {CommandRow.Columns} {From} WHERE c.id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<CommandRow>> ListAsync(long meterKey, string? status, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<CommandRow>(new CommandDefinition(
            $"SELECT {CommandRow.Columns} {From} WHERE c.meter_key = @meterKey AND (@status IS NULL OR c.status = @status) ORDER BY c.key DESC LIMIT @limit",
            new { meterKey, status, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>A meter's pending commands not yet expired, oldest first: the order they are delivered in.</summary>
    public async Task<IReadOnlyList<CommandRow>> PendingAsync(long meterKey, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<CommandRow>(new CommandDefinition(
            $"SELECT {CommandRow.Columns} {From} WHERE c.meter_key = @meterKey AND c.status = @pending AND c.expires_at > @now ORDER BY c.key",
            new { meterKey, pending = CommandStatus.Pending, now }, cancellationToken: cancellationToken))];
    }

    /// <summary>The meters with pending commands.</summary>
    public async Task<IReadOnlyList<long>> MetersWaitingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT meter_key FROM commands WHERE status = @pending", new { pending = CommandStatus.Pending }, cancellationToken: cancellationToken))];
    }

    /// <summary>How many disconnects the supplier asked for since <paramref name="since"/>, whatever became of them.</summary>
    public Task<long> CountDisconnectsAsync(DbConnection connection, DbTransaction transaction, string? supplierId, long since, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            supplierId is null
                ? "SELECT COUNT(*) FROM commands WHERE supplier_id IS NULL AND command = @command AND created_at >= @since"
                : "SELECT COUNT(*) FROM commands WHERE supplier_id = @supplierId AND command = @command AND created_at >= @since",
            new { supplierId, command = CommandCatalog.Disconnect, since }, transaction, cancellationToken: cancellationToken));

    public Task InsertAsync(DbConnection connection, DbTransaction transaction, CommandRow row, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO commands (id, meter_key, command, parameters, reason, status, requested_by, requester_key, supplier_id, created_at, expires_at)
            VALUES (@Id, @MeterKey, @Command, @Parameters, @Reason, @Status, @RequestedBy, @RequesterKey, @SupplierId, @CreatedAt, @ExpiresAt)
            """,
            row, transaction, cancellationToken: cancellationToken));

    /// <summary>Moves a command from one of <paramref name="from"/> to <paramref name="to"/>; false when it was in none of them.</summary>
    public async Task<bool> MoveAsync(
        DbConnection connection, DbTransaction? transaction, long key, string[] from, string to, long now, string? result = null, string? approvedBy = null,
        CancellationToken cancellationToken = default)
    {
        var sql = $"""
            UPDATE commands SET status = @to,
                sent_at = CASE WHEN @to = '{CommandStatus.Sent}' THEN @now ELSE sent_at END,
                completed_at = CASE WHEN @final THEN @now ELSE completed_at END,
                result = COALESCE(@result, result),
                approved_by = COALESCE(@approvedBy, approved_by)
            WHERE key = @key AND status IN ({string.Join(", ", from.Select(s => $"'{s}'"))})
            """;
        return await connection.ExecuteAsync(new CommandDefinition(
            sql, new { to, now, final = CommandStatus.IsFinal(to), result, approvedBy, key }, transaction, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Commands not final whose expiry has passed, for the job to close.</summary>
    public async Task<IReadOnlyList<CommandRow>> DueAsync(long now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<CommandRow>(new CommandDefinition(
            $"SELECT {CommandRow.Columns} {From} WHERE c.status IN (@a, @p, @s) AND c.expires_at <= @now ORDER BY c.expires_at LIMIT @limit",
            new { a = CommandStatus.AwaitingApproval, p = CommandStatus.Pending, s = CommandStatus.Sent, now, limit }, cancellationToken: cancellationToken))];
    }
}
