using System.Data.Common;
using Dapper;
using GridMeter.Domain.Consumption;

namespace GridMeter.Server.Consumption;

/// <summary>
/// Daily rollups of each register, and which of them a pending change may have made stale: a dirty
/// day changes the register between the last reading before it and the first one after it, so every
/// local day overlapping that span is computed afresh until the job has caught up.
/// </summary>
public sealed class RollupStore
{
    public async Task<Dictionary<int, RollupDay>> DaysAsync(
        DbConnection connection, long meter, int register, int fromDay, int toDay, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long Day, long? Wh, long Intervals, long? MinWh, long? MaxWh, long Quality)>(new CommandDefinition(
            """
            SELECT day, wh, intervals, min_wh, max_wh, quality FROM rollup_days
            WHERE meter = @meter AND register = @register AND day >= @fromDay AND day <= @toDay
            """,
            new { meter, register, fromDay, toDay }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (int)r.Day, r => new RollupDay((int)r.Day, r.Wh, (int)r.Intervals, r.MinWh, r.MaxWh, (Quality)r.Quality));
    }

    public Task SaveAsync(DbConnection connection, DbTransaction transaction, long meter, int register, IEnumerable<RollupDay> days, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO rollup_days (meter, register, day, wh, intervals, min_wh, max_wh, quality)
            VALUES (@meter, @register, @Day, @Wh, @Intervals, @MinWh, @MaxWh, @Quality)
            ON CONFLICT (meter, register, day) DO UPDATE SET wh = excluded.wh, intervals = excluded.intervals,
                min_wh = excluded.min_wh, max_wh = excluded.max_wh, quality = excluded.quality
            """,
            days.Select(d => new { meter, register, d.Day, d.Wh, d.Intervals, d.MinWh, d.MaxWh, Quality = (int)d.Quality }),
            transaction, cancellationToken: cancellationToken));

    /// <summary>The spans (Unix seconds, inclusive) that pending changes of this register may alter.</summary>
    public async Task<List<(long From, long To)>> StaleSpansAsync(DbConnection connection, long meter, int register, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long Day, long? Before, long? After)>(new CommandDefinition(
            """
            SELECT d.day,
                   (SELECT MAX(r.ts) FROM readings r WHERE r.meter = d.meter AND r.register = @register AND r.ts < d.day * 86400),
                   (SELECT MIN(r.ts) FROM readings r WHERE r.meter = d.meter AND r.register = @register AND r.ts >= (d.day + 1) * 86400)
            FROM mdm_dirty d WHERE d.meter = @meter
            """,
            new { meter, register }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => (r.Before ?? long.MinValue, r.After ?? long.MaxValue))];
    }
}
