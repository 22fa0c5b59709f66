using System.Data.Common;
using Dapper;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Vee;
using GridMeter.Server.Consumption;
using GridMeter.Server.Vee;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using NodaTime;

namespace GridMeter.Server.Billing;

/// <summary>
/// One register of a block of a supplier's meters (keys <c>from</c>–<c>to</c>) around one span,
/// read for a bill run in one query per kind instead of five per meter: the readings in the span
/// in one ordered scan, each meter's nearest reading on either side, and the register events,
/// estimates, suspect flags and edits around them. <see cref="TryLatest"/> then gives, per meter
/// and for any span inside, the same series as <see cref="SeriesLoader.LoadAsync"/> gives for
/// <see cref="SeriesVersion.Latest"/>; where an edit reaches past the readings (the loader then
/// reads wider) it gives nothing and the caller loads that meter alone.
/// </summary>
public sealed class BillRunSeries
{
    private readonly Dictionary<long, List<RegisterPoint>> readings = [];
    private readonly Dictionary<long, List<(long Ts, RegisterEvent Event)>> events = [];
    private readonly Dictionary<long, List<CurvePatch>> estimates = [];
    private readonly Dictionary<long, List<VeeFlag>> flags = [];
    private readonly Dictionary<long, List<IntervalEdit>> edits = [];

    // The meter whose points the scan is adding to: its rows come ordered by meter.
    private (long Meter, List<RegisterPoint>? Points) scanned = (long.MinValue, null);

    private BillRunSeries(int register, long lo, long hi) => (Register, Lo, Hi) = (register, lo, hi);

    public int Register { get; }

    /// <summary>The span read, in Unix seconds (both ends included).</summary>
    public long Lo { get; }

    public long Hi { get; }

    public static async Task<BillRunSeries> LoadAsync(
        DbConnection connection, string supplierId, long firstMeter, long lastMeter, int register, long lo, long hi, CancellationToken cancellationToken)
    {
        var loaded = new BillRunSeries(register, lo, hi);
        var parameters = new { supplierId, firstMeter, lastMeter, register, lo, hi };
        var (before, after) = (new Dictionary<long, RegisterPoint>(), new Dictionary<long, RegisterPoint>());
        var neighbours = await connection.QueryAsync<(long Meter, long? BeforeTs, long? BeforeValue, long? AfterTs, long? AfterValue)>(new CommandDefinition(
            $"""
            SELECT m.key,
                (SELECT p.ts FROM readings p WHERE p.meter = m.key AND p.register = @register AND p.ts < @lo ORDER BY p.ts DESC LIMIT 1),
                (SELECT p.value FROM readings p WHERE p.meter = m.key AND p.register = @register AND p.ts < @lo ORDER BY p.ts DESC LIMIT 1),
                (SELECT p.ts FROM readings p WHERE p.meter = m.key AND p.register = @register AND p.ts > @hi ORDER BY p.ts LIMIT 1),
                (SELECT p.value FROM readings p WHERE p.meter = m.key AND p.register = @register AND p.ts > @hi ORDER BY p.ts LIMIT 1)
            FROM meters m WHERE {OwnMeters("m.key")}
            """, parameters, cancellationToken: cancellationToken));
        foreach (var n in neighbours)
        {
            if (n.BeforeTs is { } bt)
            {
                before[n.Meter] = new RegisterPoint(Instant.FromUnixTimeSeconds(bt), n.BeforeValue!.Value);
            }
            if (n.AfterTs is { } at)
            {
                after[n.Meter] = new RegisterPoint(Instant.FromUnixTimeSeconds(at), n.AfterValue!.Value);
            }
        }
        await loaded.ReadSpanAsync(connection, parameters, before, cancellationToken);
        foreach (var (meter, point) in after)
        {
            loaded.PointsOf(meter).Add(point);
        }
        if (loaded.readings.Count == 0)
        {
            return loaded;
        }
        // What validation keeps, over the widest span any meter's readings cover; each meter keeps its own below.
        var first = loaded.readings.Values.Min(p => p[0].Timestamp.ToUnixTimeSeconds());
        var last = loaded.readings.Values.Max(p => p[^1].Timestamp.ToUnixTimeSeconds());
        var wide = new { supplierId, firstMeter, lastMeter, register, first, last };
        foreach (var r in await connection.QueryAsync<(long Meter, long Ts, long Before, long After, string Kind)>(new CommandDefinition(
            $"""
            SELECT meter, ts, before_value, after_value, kind FROM register_events
            WHERE register = @register AND {OwnMeters("meter")} AND ts >= @first AND ts <= @last ORDER BY meter, ts
            """, wide, cancellationToken: cancellationToken)))
        {
            Add(loaded.events, r.Meter, (r.Ts, new RegisterEvent(Instant.FromUnixTimeSeconds(r.Ts), r.Before, r.After, VeeNames.KindOf(r.Kind)!.Value)));
        }
        foreach (var r in await connection.QueryAsync<(long Meter, long Start, long End, byte[] Points)>(new CommandDefinition(
            $"""
            SELECT meter, start_ts, end_ts, points FROM vee_estimates
            WHERE register = @register AND {OwnMeters("meter")} AND start_ts >= @first AND start_ts <= @last ORDER BY meter, start_ts
            """, wide, cancellationToken: cancellationToken)))
        {
            Add(loaded.estimates, r.Meter, new CurvePatch(Instant.FromUnixTimeSeconds(r.Start), Instant.FromUnixTimeSeconds(r.End), PatchCodec.Decode(r.Points)));
        }
        foreach (var r in await connection.QueryAsync<(long Meter, long Start, long End, string Rule, string Detail)>(new CommandDefinition(
            $"""
            SELECT meter, start_ts, end_ts, rule, detail FROM vee_flags
            WHERE register = @register AND {OwnMeters("meter")} AND start_ts <= @last AND end_ts >= @first ORDER BY meter, start_ts
            """, wide, cancellationToken: cancellationToken)))
        {
            Add(loaded.flags, r.Meter, new VeeFlag(Instant.FromUnixTimeSeconds(r.Start), Instant.FromUnixTimeSeconds(r.End), VeeNames.RuleOf(r.Rule), r.Detail));
        }
        foreach (var r in await connection.QueryAsync<(long Meter, long Version, long Start, long End, byte[] Points)>(new CommandDefinition(
            $"""
            SELECT meter, version, start_ts, end_ts, points FROM interval_edits
            WHERE register = @register AND {OwnMeters("meter")} AND start_ts <= @last AND end_ts >= @first ORDER BY meter, version
            """, wide, cancellationToken: cancellationToken)))
        {
            Add(loaded.edits, r.Meter, new IntervalEdit((int)r.Version,
                new CurvePatch(Instant.FromUnixTimeSeconds(r.Start), Instant.FromUnixTimeSeconds(r.End), PatchCodec.Decode(r.Points))));
        }
        return loaded;
    }

    /// <summary>
    /// The latest validated version of the series over [from, to] (Unix seconds, inside the span
    /// read), as <see cref="SeriesLoader.LoadAsync"/> gives it; null when this block cannot answer.
    /// </summary>
    public RegisterSeries? TryLatest(MeteredSeries series, int register, long from, long to)
    {
        if (register != Register || from < Lo || to > Hi)
        {
            return null;
        }
        if (!readings.TryGetValue(series.Key, out var all))
        {
            return new RegisterSeries([], series.ReadingPeriod);
        }
        // The readings in [from, to] and the nearest on each side: those read hold them, as [from, to] lies in the span read.
        var start = FirstAtOrAfter(all, from);
        var end = FirstAtOrAfter(all, to + 1);
        var (a, b) = (Math.Max(start - 1, 0), Math.Min(end + 1, all.Count));
        var points = a == 0 && b == all.Count ? all : all.GetRange(a, b - a);
        if (points.Count == 0)
        {
            return new RegisterSeries(points, series.ReadingPeriod);
        }
        var (first, last) = (points[0].Timestamp.ToUnixTimeSeconds(), points[^1].Timestamp.ToUnixTimeSeconds());
        var ownEdits = edits.TryGetValue(series.Key, out var e)
            ? e.FindAll(x => x.Patch.Start.ToUnixTimeSeconds() <= last && x.Patch.End.ToUnixTimeSeconds() >= first)
            : [];
        if (ownEdits.Exists(x => x.Patch.Start.ToUnixTimeSeconds() < first || x.Patch.End.ToUnixTimeSeconds() > last))
        {
            return null;
        }
        var ownEvents = events.TryGetValue(series.Key, out var ev)
            ? ev.FindAll(x => x.Ts > first && x.Ts <= last).ConvertAll(x => x.Event)
            : [];
        var ownEstimates = estimates.TryGetValue(series.Key, out var es)
            ? es.FindAll(x => x.Start.ToUnixTimeSeconds() >= first && x.Start.ToUnixTimeSeconds() < last)
            : [];
        var ownFlags = flags.TryGetValue(series.Key, out var f)
            ? f.FindAll(x => x.Start.ToUnixTimeSeconds() <= last && x.End.ToUnixTimeSeconds() >= first)
            : [];
        return GridMeter.Domain.Vee.Vee.Corrected(points, ownEvents, ownEstimates, ownFlags, ownEdits, series.ReadingPeriod);
    }

    /// <summary>The meters of the block: the supplier's, with keys in [firstMeter, lastMeter].</summary>
    private static string OwnMeters(string column) =>
        $"{column} IN (SELECT o.key FROM meters o WHERE o.supplier_id = @supplierId AND o.key >= @firstMeter AND o.key <= @lastMeter)";

    /// <summary>Every reading of the block in [lo, hi] in one scan, each meter's after its nearest earlier one.</summary>
    private async Task ReadSpanAsync(DbConnection connection, object parameters, Dictionary<long, RegisterPoint> before, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT r.meter, r.ts, r.value FROM readings r
            WHERE r.register = @register AND {OwnMeters("r.meter")} AND r.ts >= @lo AND r.ts <= @hi ORDER BY r.meter, r.ts
            """;
        foreach (var (meter, point) in before)
        {
            PointsOf(meter).Add(point);
        }
        if (connection is SqliteConnection sqlite)
        {
            ReadSpan(sqlite, sql, parameters);
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var property in parameters.GetType().GetProperties())
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = property.Name;
            parameter.Value = property.GetValue(parameters);
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Add(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
    }

    /// <summary>
    /// The scan on SQLite, stepped through its C interface: the file is read from the page cache
    /// and never waits, so the per-row cost is the reader's own — here one call per column, against
    /// two (type check and value) through ADO.NET.
    /// </summary>
    private void ReadSpan(SqliteConnection connection, string sql, object parameters)
    {
        Check(connection, raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
        using (statement)
        {
            foreach (var property in parameters.GetType().GetProperties())
            {
                var index = raw.sqlite3_bind_parameter_index(statement, "@" + property.Name);
                if (index > 0)
                {
                    Check(connection, property.GetValue(parameters) switch
                    {
                        string text => raw.sqlite3_bind_text(statement, index, text),
                        var number => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(number, System.Globalization.CultureInfo.InvariantCulture)),
                    });
                }
            }
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                Add(raw.sqlite3_column_int64(statement, 0), raw.sqlite3_column_int64(statement, 1), raw.sqlite3_column_int64(statement, 2));
            }
            if (step != raw.SQLITE_DONE)
            {
                Check(connection, step);
            }
        }
    }

    private static void Check(SqliteConnection connection, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), result);
        }
    }

    private void Add(long meter, long ts, long value)
    {
        if (meter != scanned.Meter || scanned.Points is null)
        {
            scanned = (meter, PointsOf(meter));
        }
        scanned.Points.Add(new RegisterPoint(Instant.FromUnixTimeSeconds(ts), value));
    }

    private List<RegisterPoint> PointsOf(long meter)
    {
        if (!readings.TryGetValue(meter, out var points))
        {
            readings[meter] = points = new List<RegisterPoint>(3_000);
        }
        return points;
    }

    private static void Add<T>(Dictionary<long, List<T>> lists, long meter, T item)
    {
        if (!lists.TryGetValue(meter, out var list))
        {
            lists[meter] = list = [];
        }
        list.Add(item);
    }

    private static int FirstAtOrAfter(List<RegisterPoint> points, long ts)
    {
        var (lo, hi) = (0, points.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (points[mid].Timestamp.ToUnixTimeSeconds() < ts)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
