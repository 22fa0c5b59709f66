using System.Data.Common;
using Dapper;
using GridMeter.Domain.Analytics;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Analytics;

/// <summary>Cluster results and detected faults, kept until the next run replaces or adds to them.</summary>
public sealed class AnalyticsStore(IDatabase database)
{
    private const string FaultColumns =
        "series, meter, rule, start_ts AS StartTs, end_ts AS EndTs, observed_wh AS ObservedWh, expected_wh AS ExpectedWh, detail, detected_at AS DetectedAt";

    /// <summary>Replaces a supplier's clustering of one group whole, in one transaction: readers see the old one or the new.</summary>
    public async Task ReplaceClustersAsync(string supplierId, ProfileGroup group, IReadOnlyList<StoredCluster> clusters, IReadOnlyList<StoredMember> members, CancellationToken cancellationToken)
    {
        var key = new { supplierId, season = Name(group.Season), dayType = Name(group.DayType) };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM analytics_clusters WHERE supplier_id = @supplierId AND season = @season AND day_type = @dayType", key, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM analytics_members WHERE supplier_id = @supplierId AND season = @season AND day_type = @dayType", key, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO analytics_clusters (supplier_id, season, day_type, cluster, members, centre, silhouette, days, computed_at)
            VALUES (@SupplierId, @Season, @DayType, @Cluster, @Members, @Centre, @Silhouette, @Days, @ComputedAt)
            """, clusters, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO analytics_members (supplier_id, season, day_type, meter, cluster, distance)
            VALUES (@SupplierId, @Season, @DayType, @Meter, @Cluster, @Distance)
            """, members, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredCluster>> ClustersAsync(string supplierId, ProfileGroup group, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<StoredCluster>(new CommandDefinition(
            """
            SELECT supplier_id AS SupplierId, season, day_type AS DayType, cluster, members, centre, silhouette, days, computed_at AS ComputedAt
            FROM analytics_clusters WHERE supplier_id = @supplierId AND season = @season AND day_type = @dayType ORDER BY cluster
            """,
            new { supplierId, season = Name(group.Season), dayType = Name(group.DayType) }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<(long Cluster, string MeterId)>> MembersAsync(string supplierId, ProfileGroup group, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long, string)>(new CommandDefinition(
            """
            SELECT a.cluster, m.id FROM analytics_members a JOIN meters m ON m.key = a.meter
            WHERE a.supplier_id = @supplierId AND a.season = @season AND a.day_type = @dayType ORDER BY a.cluster, m.id
            """,
            new { supplierId, season = Name(group.Season), dayType = Name(group.DayType) }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    public async Task<StoredMember?> MemberAsync(long meterKey, string supplierId, ProfileGroup group, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredMember>(new CommandDefinition(
            """
            SELECT supplier_id AS SupplierId, season, day_type AS DayType, meter, cluster, distance FROM analytics_members
            WHERE supplier_id = @supplierId AND season = @season AND day_type = @dayType AND meter = @meterKey
            """,
            new { supplierId, season = Name(group.Season), dayType = Name(group.DayType), meterKey }, cancellationToken: cancellationToken));
    }

    /// <summary>Adds faults; one already stored (same series, rule and start) is left as first found.</summary>
    public static Task<int> AddFaultsAsync(DbConnection connection, IReadOnlyList<StoredFault> faults, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO analytics_faults (series, meter, rule, start_ts, end_ts, observed_wh, expected_wh, detail, detected_at)
            VALUES (@Series, @Meter, @Rule, @StartTs, @EndTs, @ObservedWh, @ExpectedWh, @Detail, @DetectedAt)
            ON CONFLICT (series, rule, start_ts) DO NOTHING
            """, faults, cancellationToken: cancellationToken));

    /// <summary>The faults of one meter and its appliances that started in [from, to), newest first.</summary>
    public async Task<IReadOnlyList<StoredFault>> FaultsOfMeterAsync(long meterKey, long from, long to, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<StoredFault>(new CommandDefinition(
            $"SELECT {FaultColumns} FROM analytics_faults WHERE meter = @meterKey AND start_ts >= @from AND start_ts < @to ORDER BY start_ts DESC, series, rule LIMIT @limit",
            new { meterKey, from, to, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>The faults of an organisation's meters the caller may see, started in [from, to), newest first, with each meter's id.</summary>
    public async Task<IReadOnlyList<(StoredFault Fault, string MeterId)>> FaultsOfOrganisationAsync(
        string organisationId, Caller caller, long from, long to, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredFault, string, (StoredFault, string)>(new CommandDefinition(
            $"""
            SELECT f.series, f.meter, f.rule, f.start_ts AS StartTs, f.end_ts AS EndTs, f.observed_wh AS ObservedWh, f.expected_wh AS ExpectedWh,
                   f.detail, f.detected_at AS DetectedAt, m.id
            FROM analytics_faults f JOIN meters m ON m.key = f.meter
            WHERE (m.supplier_id = @org OR m.network_operator_id = @org) AND {MeterScope.Condition(caller)}
              AND f.start_ts >= @from AND f.start_ts < @to
            ORDER BY f.start_ts DESC, f.series, f.rule LIMIT @limit
            """,
            new DynamicParameters(MeterScope.Parameters(caller)).With("org", organisationId).With("from", from).With("to", to).With("limit", limit),
            cancellationToken: cancellationToken), (fault, id) => (fault, id), splitOn: "id");
        return [.. rows];
    }

    /// <summary>Faults detected (stored) after <paramref name="afterMs"/>, oldest first: what an alert rule has not yet raised.</summary>
    public async Task<IReadOnlyList<StoredFault>> DetectedSinceAsync(long afterMs, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<StoredFault>(new CommandDefinition(
            $"SELECT {FaultColumns} FROM analytics_faults WHERE detected_at > @afterMs ORDER BY detected_at, series, rule, start_ts LIMIT @limit",
            new { afterMs, limit }, cancellationToken: cancellationToken))];
    }

    public static async Task<long?> CheckedDayAsync(DbConnection connection, long series, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT day FROM analytics_checked WHERE series = @series", new { series }, cancellationToken: cancellationToken));

    public static Task MarkCheckedAsync(DbConnection connection, long series, long day, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO analytics_checked (series, day) VALUES (@series, @day) ON CONFLICT (series) DO UPDATE SET day = excluded.day",
            new { series, day }, cancellationToken: cancellationToken));

    /// <summary>An enum value as the API and the tables spell it: camelCase.</summary>
    public static string Name<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        return string.Concat(text[..1].ToLowerInvariant(), text[1..]);
    }
}
