using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.WebPortal;

/// <summary>
/// The meter list with health, one page at a time, within the caller's scope. The database does
/// the filtering, ordering and paging (meters are ordered by their unique id), so a page costs
/// the same with ten meters as with ten thousand.
/// </summary>
public sealed class MeterHealthQuery(IDatabase database)
{
    public async Task<(IReadOnlyList<MeterHealth> Page, long Total)> ListAsync(Caller caller, MeterFilter filter, CancellationToken cancellationToken)
    {
        var where = $"{MeterScope.Condition(caller)}{SearchCondition(filter)}{HealthCondition(filter)}";
        var parameters = new DynamicParameters(MeterScope.Parameters(caller))
            .With("prefix", EscapeLike(filter.Search) + "%")
            .With("yes", true)
            .With("no", false)
            .With("limit", MeterFilter.PageSize)
            .With("offset", filter.Offset);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM meters m LEFT JOIN meter_status s ON s.meter_key = m.key WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<(string Id, string? Name, string TimeZone, bool? Online, string? Relay, long? LastSeen)>(new CommandDefinition(
            $"""
            SELECT m.id, m.name, m.time_zone, s.online, s.relay, s.last_seen
            FROM meters m LEFT JOIN meter_status s ON s.meter_key = m.key
            WHERE {where} ORDER BY m.id LIMIT @limit OFFSET @offset
            """,
            parameters, cancellationToken: cancellationToken));
        return ([.. rows.Select(r => new MeterHealth(r.Id, r.Name, r.TimeZone, r.Online, r.Relay,
            r.LastSeen is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null))], total);
    }

    private static string SearchCondition(MeterFilter filter) => filter.Search.Length == 0 ? "" : @" AND m.id LIKE @prefix ESCAPE '\'";

    private static string HealthCondition(MeterFilter filter) => filter.Health switch
    {
        "online" => " AND s.online = @yes",
        "offline" => " AND s.online = @no",
        "unknown" => " AND s.online IS NULL",
        _ => "",
    };

    // A meter id may hold "_", which LIKE reads as "any character".
    private static string EscapeLike(string text) => text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
