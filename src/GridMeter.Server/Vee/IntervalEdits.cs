using System.Globalization;
using System.Text.Json;
using Dapper;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Audit;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Readings;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Vee;

/// <summary>
/// People's corrections of interval values. Each edit is a new version beside the earlier ones,
/// written with its audit entry and the job's dirty marks in one transaction; nothing is overwritten,
/// so every earlier version stays readable.
/// </summary>
public sealed class IntervalEdits(IDatabase database, AuditLog audit, ReadingsCommitted committed, TimeProvider clock)
{
    /// <summary>Stores the edit and returns it, or why it cannot be made.</summary>
    public async Task<(EditResponse? Edit, string? Problem)> AddAsync(
        Meter meter, int register, ObisCode obis, Instant from, Instant to, IReadOnlyList<decimal> values, string reason, AuditEntry who,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var around = await SeriesLoader.ReadingsAroundAsync(connection, meter.Key, register, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds(), cancellationToken);
        if (around.Count < 2 || around[0].Timestamp > from || around[^1].Timestamp < to)
        {
            return (null, "an edit needs readings at or before its start and at or after its end");
        }
        var points = new List<RegisterPoint>(values.Count);
        long cumulative = 0;
        for (var i = 0; i < values.Count; i++)
        {
            cumulative += ReadingIngest.ToThousandths(values[i]);
            points.Add(new RegisterPoint(from + (meter.ReadingPeriod * (i + 1)), cumulative));
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var version = 1 + await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM interval_edits WHERE meter = @Key AND register = @register",
            new { meter.Key, register }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO interval_edits (meter, register, version, start_ts, end_ts, points, reason, actor, created_at)
            VALUES (@Key, @register, @version, @start, @end, @points, @reason, @Actor, @now)
            """,
            new
            {
                meter.Key, register, version, start = from.ToUnixTimeSeconds(), end = to.ToUnixTimeSeconds(), points = PatchCodec.Encode(points),
                reason, who.Actor, now,
            },
            transaction, cancellationToken: cancellationToken));
        var details = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["obis"] = obis.ToString(),
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
            ["from"] = from.ToString(),
            ["to"] = to.ToString(),
            ["totalKwh"] = (cumulative / 1000m).ToString(CultureInfo.InvariantCulture),
            ["reason"] = reason,
        }, VeeJson.Default.DictionaryStringString);
        await audit.RecordAsync(connection, transaction, who with { Details = details }, cancellationToken);
        await DirtyMarks.MarkAsync(connection, transaction, meter.Key, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        committed.Pulse();
        return (new EditResponse((int)version, obis.ToString(), from.ToDateTimeOffset(), to.ToDateTimeOffset(), cumulative / 1000m, reason, who.Actor,
            DateTimeOffset.FromUnixTimeMilliseconds(now)), null);
    }

    public async Task<IReadOnlyList<EditResponse>> ListAsync(Meter meter, int register, ObisCode obis, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Version, long Start, long End, byte[] Points, string Reason, string Actor, long CreatedAt)>(new CommandDefinition(
            """
            SELECT version, start_ts, end_ts, points, reason, actor, created_at FROM interval_edits
            WHERE meter = @Key AND register = @register ORDER BY version
            """,
            new { meter.Key, register }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new EditResponse(
            (int)r.Version, obis.ToString(), DateTimeOffset.FromUnixTimeSeconds(r.Start), DateTimeOffset.FromUnixTimeSeconds(r.End),
            PatchCodec.Decode(r.Points) is { Length: > 0 } p ? p[^1].Wh / 1000m : 0m, r.Reason, r.Actor, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt)))];
    }
}
