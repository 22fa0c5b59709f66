using System.Data.Common;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Vee;
using GridMeter.Server.Vee;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace GridMeter.Server.Consumption;

/// <summary>
/// Loads one register of a series around a span in the version asked for: the readings in it plus
/// the nearest one on each side (so both ends interpolate), and for validated versions the register
/// events, estimates and suspect flags within them, and the edits that touch them.
/// </summary>
public sealed class SeriesLoader(VeeStore vee)
{
    public async Task<RegisterSeries> LoadAsync(
        DbConnection connection, MeteredSeries series, int register, Instant from, Instant to, SeriesVersion version, CancellationToken cancellationToken)
    {
        var (lo, hi) = (from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
        var readings = await ReadingsAroundAsync(connection, series.Key, register, lo, hi, cancellationToken);
        if (!version.Validated || readings.Count == 0)
        {
            return new RegisterSeries(readings, series.ReadingPeriod);
        }

        List<IntervalEdit> edits = [];
        if (version.Edited)
        {
            // An edit reaching past the readings loaded needs the readings around its own ends.
            for (var round = 0; round < 4; round++)
            {
                var (first, last) = (readings[0].Timestamp.ToUnixTimeSeconds(), readings[^1].Timestamp.ToUnixTimeSeconds());
                edits = await vee.EditsAsync(connection, series.Key, register, first, last, version.UpToEdit, cancellationToken);
                var editFrom = edits.Count == 0 ? first : edits.Min(e => e.Patch.Start.ToUnixTimeSeconds());
                var editTo = edits.Count == 0 ? last : edits.Max(e => e.Patch.End.ToUnixTimeSeconds());
                if (editFrom >= first && editTo <= last)
                {
                    break;
                }
                (lo, hi) = (Math.Min(lo, editFrom), Math.Max(hi, editTo));
                var wider = await ReadingsAroundAsync(connection, series.Key, register, lo, hi, cancellationToken);
                if (wider.Count == readings.Count)
                {
                    break;
                }
                readings = wider;
            }
        }
        var (firstTs, lastTs) = (readings[0].Timestamp.ToUnixTimeSeconds(), readings[^1].Timestamp.ToUnixTimeSeconds());
        var events = await vee.EventsAsync(connection, series.Key, register, firstTs, lastTs, recordedOnly: false, cancellationToken);
        var estimates = await vee.EstimatesAsync(connection, series.Key, register, firstTs, lastTs, cancellationToken);
        var flags = await vee.FlagsAsync(connection, series.Key, register, firstTs, lastTs, cancellationToken);
        return GridMeter.Domain.Vee.Vee.Corrected(readings, events, estimates, flags, edits, series.ReadingPeriod);
    }

    /// <summary>The readings in [from, to] (Unix seconds) plus the nearest one on each side, in time order.</summary>
    public static async Task<List<RegisterPoint>> ReadingsAroundAsync(
        DbConnection connection, long meter, int register, long from, long to, CancellationToken cancellationToken)
    {
        // Read straight from the data reader: a year of quarter-hours is 35,000 rows, and this is the hot path of every query and rollup.
        await using var command = connection.CreateCommand();
        command.CommandText = AroundSql;
        Add(command, "meter", meter);
        Add(command, "register", register);
        Add(command, "from", from);
        Add(command, "to", to);
        var points = new List<RegisterPoint>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            // SQLite reads from the page cache and never waits on the network: an async step per row would only add its overhead.
            var synchronous = reader is SqliteDataReader;
            while (synchronous ? reader.Read() : await reader.ReadAsync(cancellationToken))
            {
                points.Add(new RegisterPoint(Instant.FromUnixTimeSeconds(reader.GetInt64(0)), reader.GetInt64(1)));
            }
        }
        // The three parts come in order from their indexes; an outer ORDER BY would sort every row again.
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Timestamp <= points[i - 1].Timestamp)
            {
                points.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
                break;
            }
        }
        return points;
    }

    private const string AroundSql = """
        SELECT ts, value FROM (
            SELECT ts, value FROM readings WHERE meter = @meter AND register = @register AND ts < @from ORDER BY ts DESC LIMIT 1
        ) AS before_span
        UNION ALL
        SELECT ts, value FROM readings WHERE meter = @meter AND register = @register AND ts >= @from AND ts <= @to
        UNION ALL
        SELECT ts, value FROM (
            SELECT ts, value FROM readings WHERE meter = @meter AND register = @register AND ts > @to ORDER BY ts LIMIT 1
        ) AS after_span
        """;

    private static void Add(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
