using Dapper;
using GridMeter.Domain.Outages;
using GridMeter.Server.Auth;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Outages;

/// <summary>Outages as operators read them: a network operator its own network's, an admin every one.</summary>
public sealed class OutageRecords(IDatabase database)
{
    private static string Scope(Caller caller) => caller.IsAdmin ? "1 = 1" : "o.network_operator_id = @org";

    public async Task<IReadOnlyList<OutageResponse>> ListAsync(Caller caller, bool? open, Instant from, Instant to, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(long Key, string Scope, string? Node, string Cause, long StartedAt, long? RestoredAt)>(new CommandDefinition(
            $"""
            SELECT o.key, o.scope, o.node_id, o.cause, o.started_at, o.restored_at FROM outages o
            WHERE {Scope(caller)} AND o.started_at < @to AND (o.restored_at IS NULL OR o.restored_at >= @from)
              {open switch { null => "", true => "AND o.restored_at IS NULL", false => "AND o.restored_at IS NOT NULL" }}
            ORDER BY o.started_at DESC, o.key DESC LIMIT @limit
            """,
            new { org = caller.OrganisationId ?? "", from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(), limit },
            cancellationToken: cancellationToken))).ToList();
        var result = new List<OutageResponse>(rows.Count);
        foreach (var row in rows)
        {
            var members = (await connection.QueryAsync<(string Id, long? RestoredAt)>(new CommandDefinition(
                "SELECT m.id, om.restored_at FROM outage_meters om JOIN meters m ON m.key = om.meter_key WHERE om.outage_key = @Key ORDER BY m.id",
                new { row.Key }, cancellationToken: cancellationToken))).ToList();
            result.Add(new OutageResponse(row.Key, row.Scope, row.Node, row.Cause, DateTimeOffset.FromUnixTimeMilliseconds(row.StartedAt),
                row.RestoredAt is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null,
                members.Count, members.Count(m => m.RestoredAt is not null), [.. members.Select(m => m.Id)]));
        }
        return result;
    }

    /// <summary>SAIDI and SAIFI over [from, to) for the caller's network (every meter for an admin).</summary>
    public async Task<ReliabilityIndices> ReliabilityAsync(Caller caller, Instant from, Instant to, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = new { org = caller.OrganisationId ?? "", from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() };
        var served = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            caller.IsAdmin ? "SELECT COUNT(*) FROM meters" : "SELECT COUNT(*) FROM meters WHERE network_operator_id = @org",
            parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<(long DownAt, long? RestoredAt)>(new CommandDefinition(
            $"""
            SELECT om.down_at, om.restored_at FROM outage_meters om JOIN outages o ON o.key = om.outage_key
            WHERE {Scope(caller)} AND om.down_at < @to AND (om.restored_at IS NULL OR om.restored_at >= @from)
            """,
            parameters, cancellationToken: cancellationToken));
        var interruptions = rows.Select(r => new Interruption(
            Instant.FromUnixTimeMilliseconds(r.DownAt), r.RestoredAt is { } at ? Instant.FromUnixTimeMilliseconds(at) : null));
        return Reliability.Compute(interruptions, (int)served, from, to, now);
    }
}
