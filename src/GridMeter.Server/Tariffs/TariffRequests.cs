using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Tariffs;

/// <summary>Tariff-change requests, visible to whoever may see the meter (its consumer, its supplier).</summary>
public sealed class TariffRequests(IDatabase database)
{
    private const string Columns = """
        r.id, r.meter_key, r.tariff_id, r.valid_from, r.message, r.requested_by, r.status, r.decided_by, r.decision_note, r.created_at, r.decided_at
        """;

    public async Task<TariffChange?> FindVisibleAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TariffChange>(new CommandDefinition(
            $"SELECT {Columns} FROM tariff_requests r JOIN meters m ON m.key = r.meter_key WHERE r.id = @id AND {MeterScope.Condition(caller)}",
            new DynamicParameters(MeterScope.Parameters(caller)).With("id", id), cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<TariffChange>> ListVisibleAsync(Caller caller, string? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TariffChange>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM tariff_requests r JOIN meters m ON m.key = r.meter_key
            WHERE {MeterScope.Condition(caller)} AND (CAST(@status AS TEXT) IS NULL OR r.status = @status) ORDER BY r.created_at DESC, r.id LIMIT 1000
            """,
            new DynamicParameters(MeterScope.Parameters(caller)).With("status", status), cancellationToken: cancellationToken));
        return [.. rows];
    }

    public async Task AddAsync(TariffChange change, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO tariff_requests (id, meter_key, tariff_id, valid_from, message, requested_by, status, created_at)
            VALUES (@Id, @MeterKey, @TariffId, @ValidFrom, @Message, @RequestedBy, @Status, @CreatedAt)
            """, change, cancellationToken: cancellationToken));
    }

    /// <summary>Records the decision on a pending request; false when it was decided already.</summary>
    public async Task<bool> DecideAsync(string id, string status, string decidedBy, string? note, long decidedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE tariff_requests SET status = @status, decided_by = @decidedBy, decision_note = @note, decided_at = @decidedAt
            WHERE id = @id AND status = 'pending'
            """, new { id, status, decidedBy, note, decidedAt }, cancellationToken: cancellationToken)) == 1;
    }
}
