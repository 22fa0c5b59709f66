using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using GridMeter.Server.Tariffs;

namespace GridMeter.Server.WebPortal;

/// <summary>Tariff-change requests as the portal lists them: one meter's newest, or the caller's queue a page at a time.</summary>
public sealed class TariffRequestQuery(IDatabase database)
{
    public const int PageSize = 50;

    private const string Columns = """
        r.id, r.meter_key, r.tariff_id, r.valid_from, r.message, r.requested_by, r.status, r.decided_by, r.decision_note, r.created_at, r.decided_at
        """;

    public async Task<IReadOnlyList<TariffChange>> OfMeterAsync(long meterKey, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TariffChange>(new CommandDefinition(
            $"SELECT {Columns} FROM tariff_requests r WHERE r.meter_key = @meterKey ORDER BY r.created_at DESC, r.id LIMIT @limit",
            new { meterKey, limit }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>The requests of the meters the caller may see with one status, oldest first (a queue), with each meter's id.</summary>
    public async Task<(IReadOnlyList<(TariffChange Change, string MeterId)> Page, long Total)> QueueAsync(
        Caller caller, string status, int offset, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(MeterScope.Parameters(caller)).With("status", status).With("offset", offset).With("limit", PageSize);
        var where = $"{MeterScope.Condition(caller)} AND r.status = @status";
        var order = status == "pending" ? "r.created_at, r.id" : "r.decided_at DESC, r.id";
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM tariff_requests r JOIN meters m ON m.key = r.meter_key WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<QueueRow>(new CommandDefinition(
            $"SELECT {Columns}, m.id AS meter_id FROM tariff_requests r JOIN meters m ON m.key = r.meter_key WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return ([.. rows.Select(r => (new TariffChange(r.Id, r.MeterKey, r.TariffId, r.ValidFrom, r.Message, r.RequestedBy, r.Status, r.DecidedBy, r.DecisionNote,
            r.CreatedAt, r.DecidedAt), r.MeterId))], total);
    }

    private sealed record QueueRow(
        string Id, long MeterKey, string TariffId, string ValidFrom, string? Message, string RequestedBy, string Status,
        string? DecidedBy, string? DecisionNote, long CreatedAt, long? DecidedAt, string MeterId);
}
