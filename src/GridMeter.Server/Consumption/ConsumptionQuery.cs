using System.Data.Common;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Consumption;

/// <summary>
/// Consumption of a series per bucket. Quarter-hours and hours are derived from the readings on the
/// fly; days, weeks and months of the latest version come from the daily rollups, except for days
/// a pending change may have altered, which are derived on the fly like the rest — so both paths
/// give the same numbers, and a year of days costs one indexed range read.
/// </summary>
public sealed class ConsumptionQuery(IDatabase database, RegisterCatalog registers, SeriesLoader loader, RollupStore rollups)
{
    public async Task<IReadOnlyList<BucketSummary>> SummariesAsync(
        MeteredSeries series, ObisCode register, Instant from, Instant to, BucketSize size, SeriesVersion version, CancellationToken cancellationToken)
    {
        var buckets = Buckets.Between(from, to, series.Zone, size).ToList();
        var key = await registers.FindAsync(register, cancellationToken);
        if (key is null)
        {
            return [.. buckets.Select(b => new BucketSummary(b, null, 0, null, null, Quality.Missing))];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!version.IsLatest || size < BucketSize.Day || !series.OwnZone)
        {
            var loaded = await loader.LoadAsync(connection, series, key.Value, from, to, version, cancellationToken);
            return [.. buckets.Select(b => Summaries.Of(loaded, b))];
        }
        var days = await DaysAsync(connection, series, key.Value, from, to, cancellationToken);
        return DayRollups.Combine(buckets, days);
    }

    /// <summary>The local days of [from, to) (clipped at both ends), from rollups where they are current.</summary>
    private async Task<BucketSummary[]> DaysAsync(
        DbConnection connection, MeteredSeries series, int register, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var pieces = Buckets.Between(from, to, series.Zone, BucketSize.Day).ToArray();
        var result = new BucketSummary[pieces.Length];
        var stored = await rollups.DaysAsync(
            connection, series.Key, register, DayRollups.DayNumber(pieces[0].Start.Date), DayRollups.DayNumber(pieces[^1].Start.Date), cancellationToken);
        var stale = stored.Count == 0 ? [] : await rollups.StaleSpansAsync(connection, series.Key, register, cancellationToken);
        var pending = new List<int>();
        for (var i = 0; i < pieces.Length; i++)
        {
            var day = pieces[i];
            var (start, end) = (day.Interval.Start.ToUnixTimeSeconds(), day.Interval.End.ToUnixTimeSeconds());
            if (DayRollups.IsWholeDay(day) && stored.TryGetValue(DayRollups.DayNumber(day.Start.Date), out var rollup)
                && !stale.Exists(s => start <= s.To && end >= s.From))
            {
                result[i] = new BucketSummary(day, rollup.Wh, rollup.Intervals, rollup.MinWh, rollup.MaxWh, rollup.Quality);
            }
            else
            {
                pending.Add(i);
            }
        }
        // Consecutive days without a current rollup are derived together from one read.
        for (var k = 0; k < pending.Count;)
        {
            var run = k;
            while (run + 1 < pending.Count && pending[run + 1] == pending[run] + 1)
            {
                run++;
            }
            var loaded = await loader.LoadAsync(
                connection, series, register, pieces[pending[k]].Interval.Start, pieces[pending[run]].Interval.End, SeriesVersion.Latest, cancellationToken);
            for (var i = k; i <= run; i++)
            {
                result[pending[i]] = Summaries.Of(loaded, pieces[pending[i]]);
            }
            k = run + 1;
        }
        return result;
    }
}
