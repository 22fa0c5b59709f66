using Dapper;
using GridMeter.Domain.Commands;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Devices;

/// <summary>Meter health across the fleet a caller may see, filtered in SQL.</summary>
public sealed class MeterHealthQuery(IDatabase database)
{
    /// <summary>The filters of GET /api/v1/device-health; null means "any".</summary>
    public sealed record Filter(long? SilentSinceMs, string? Firmware, int? MaxRssi, bool? Online, string? Relay);

    public async Task<IReadOnlyList<MeterHealth>> ListAsync(Caller caller, Filter filter, long sinceMs, int offset, int limit, CancellationToken cancellationToken)
    {
        var conditions = new List<string> { MeterScope.Condition(caller) };
        var parameters = new DynamicParameters(MeterScope.Parameters(caller))
            .With("since", sinceMs).With("offset", offset).With("limit", limit).With("succeeded", CommandStatus.Succeeded)
            .With("failed", CommandStatus.Failed).With("rejected", CommandStatus.Rejected).With("expired", CommandStatus.Expired);
        if (filter.SilentSinceMs is { } silent)
        {
            // Never heard from counts as silent.
            conditions.Add("(s.last_seen IS NULL OR s.last_seen < @silent)");
            parameters.Add("silent", silent);
        }
        if (filter.Firmware is { } firmware)
        {
            conditions.Add("s.firmware = @firmware");
            parameters.Add("firmware", firmware);
        }
        if (filter.MaxRssi is { } rssi)
        {
            conditions.Add("s.rssi <= @rssi");
            parameters.Add("rssi", rssi);
        }
        if (filter.Online is { } online)
        {
            conditions.Add("s.online = @online");
            parameters.Add("online", online);
        }
        if (filter.Relay is { } relay)
        {
            conditions.Add("s.relay = @relay");
            parameters.Add("relay", relay);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, bool? Online, long? LastSeen, string? Firmware, long? Rssi, string? Relay, long Succeeded, long Finished)>(
            new CommandDefinition(
                $"""
                SELECT m.id, s.online, s.last_seen, s.firmware, s.rssi, s.relay,
                  (SELECT COUNT(*) FROM commands c WHERE c.meter_key = m.key AND c.status = @succeeded AND c.created_at >= @since),
                  (SELECT COUNT(*) FROM commands c WHERE c.meter_key = m.key AND c.status IN (@succeeded, @failed, @rejected, @expired) AND c.created_at >= @since)
                FROM meters m LEFT JOIN meter_status s ON s.meter_key = m.key
                WHERE {string.Join(" AND ", conditions)}
                ORDER BY m.id LIMIT @limit OFFSET @offset
                """,
                parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new MeterHealth(
            r.Id, r.Online, r.LastSeen is { } seen ? DateTimeOffset.FromUnixTimeMilliseconds(seen) : null, r.Firmware, (int?)r.Rssi, r.Relay,
            (int)r.Finished, (int)r.Succeeded, r.Finished == 0 ? null : (double)r.Succeeded / r.Finished))];
    }
}
