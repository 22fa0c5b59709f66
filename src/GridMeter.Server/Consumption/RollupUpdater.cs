using System.Data.Common;
using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Server.Consumption;

/// <summary>Recomputes the daily rollups of the local days a changed span touches.</summary>
public sealed class RollupUpdater(SeriesLoader loader, RollupStore rollups)
{
    /// <summary>Rolls up every local day overlapping [from, to] (Unix seconds) and stores the result; returns how many days.</summary>
    public async Task<int> RefreshAsync(DbConnection connection, MeteredSeries series, int register, long from, long to, CancellationToken cancellationToken)
    {
        var zone = series.Zone;
        var firstDay = Instant.FromUnixTimeSeconds(from).InZone(zone).Date;
        var lastDay = Instant.FromUnixTimeSeconds(to).InZone(zone).Date;
        var start = zone.AtStartOfDay(firstDay).ToInstant();
        var end = zone.AtStartOfDay(lastDay.PlusDays(1)).ToInstant();
        var loaded = await loader.LoadAsync(connection, series, register, start, end, SeriesVersion.Latest, cancellationToken);
        var days = Buckets.Between(start, end, zone, BucketSize.Day)
            .Select(b => Summaries.Of(loaded, b))
            .Select(s => new RollupDay(DayRollups.DayNumber(s.Bucket.Start.Date), s.Wh, s.Count, s.MinWh, s.MaxWh, s.Quality))
            .ToList();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await rollups.SaveAsync(connection, transaction, series.Key, register, days, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return days.Count;
    }
}
