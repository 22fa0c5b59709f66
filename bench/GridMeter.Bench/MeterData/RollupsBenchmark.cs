using System.Diagnostics;
using Dapper;
using GridMeter.Server.Consumption;
using GridMeter.Server.Storage;
using GridMeter.Server.Vee;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace GridMeter.Bench.MeterData;

/// <summary>
/// Rebuilds the daily rollups of every meter from its readings (corrected series, local days with
/// DST, sum, count, min and max of quarter-hours, upserted), and compares the rate with a bare SQL
/// GROUP BY over the same rows in the same SQLite file: the least any daily aggregate can cost.
/// </summary>
public sealed class RollupsBenchmark : IBenchmark
{
    public string Name => "rollups";

    public string Description => "daily rollup rebuild vs a bare SQL GROUP BY scan of the same readings (SQLite)";

    public async Task<BenchmarkResult> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var (meters, days) = context.Quick ? (60, 180) : (200, 365);
        var database = new SqliteDatabase(Path.Combine(context.WorkDir, "rollups.db"), 256);
        await using var _ = database;
        await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        var rows = await LoadAsync(database, meters, days, context, cancellationToken);

        // Rounds alternate baseline and rebuild, so a machine busier in one moment weighs on both alike;
        // the best of five of each is kept.
        var updater = new RollupUpdater(new SeriesLoader(new VeeStore()), new RollupStore());
        var zone = DateTimeZoneProviders.Tzdb["Europe/Rome"];
        var (scan, rebuild, groups, rolled) = (double.MaxValue, double.MaxValue, 0L, 0);
        for (var round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            groups = await GroupByScanAsync(database, cancellationToken);
            scan = Math.Min(scan, watch.Elapsed.TotalSeconds);

            await using var connection = await database.OpenAsync(cancellationToken);
            watch.Restart();
            rolled = 0;
            for (var m = 1; m <= meters; m++)
            {
                var series = new MeteredSeries(m, zone, Duration.FromMinutes(15));
                rolled += await updater.RefreshAsync(connection, series, 1, HouseholdSeries.Start, HouseholdSeries.Start + (days * 86_400L), cancellationToken);
            }
            rebuild = Math.Min(rebuild, watch.Elapsed.TotalSeconds);
        }
        context.Progress($"GROUP BY scan: {rows / scan:N0} rows/s ({groups:N0} groups)");
        context.Progress($"rollup rebuild: {rows / rebuild:N0} rows/s ({rolled:N0} local days)");

        var perDayMs = await YearOfDaysAsync(database, zone, days, cancellationToken);
        context.Progress($"a year of days for one meter from rollups: {perDayMs:F2} ms");
        return new BenchmarkResult()
            .Add("ratio", rows / rebuild / (rows / scan))
            .Add("rollup_rows_per_s", rows / rebuild)
            .Add("groupby_rows_per_s", rows / scan)
            .Add("rows", rows)
            .Add("meters", meters)
            .Add("days", days)
            .Add("year_of_days_ms", perDayMs);
    }

    private static async Task<long> LoadAsync(SqliteDatabase database, int meters, int days, BenchmarkContext context, CancellationToken cancellationToken)
    {
        long rows = 0;
        var batch = new List<StoredReading>(50_000);
        for (var m = 1; m <= meters; m++)
        {
            foreach (var reading in HouseholdSeries.Readings(m, 1, days, m))
            {
                batch.Add(reading);
                if (batch.Count == batch.Capacity)
                {
                    rows += await FlushAsync(database, batch, cancellationToken);
                }
            }
        }
        rows += await FlushAsync(database, batch, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM mdm_dirty");
        context.Progress($"{rows:N0} readings of {meters} meters over {days} days stored");
        return rows;
    }

    private static async Task<long> FlushAsync(SqliteDatabase database, List<StoredReading> batch, CancellationToken cancellationToken)
    {
        var outcome = await database.AppendReadingsAsync([batch.ToArray()], 0, cancellationToken);
        batch.Clear();
        return outcome[0].Inserted;
    }

    private static async Task<long> GroupByScanAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = (SqliteConnection)await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT meter, register, ts / 86400 AS day, COUNT(*), MIN(value), MAX(value) FROM readings GROUP BY meter, register, day";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long groups = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            groups += reader.GetInt64(3) > 0 ? 1 : 0;
        }
        return groups;
    }

    /// <summary>The consumption API's path for a year of days of one meter: rollups plus the stale-day check.</summary>
    private static async Task<double> YearOfDaysAsync(SqliteDatabase database, DateTimeZone zone, int days, CancellationToken cancellationToken)
    {
        var registers = new RegisterCatalog(database);
        await registers.KeyOfAsync(GridMeter.Domain.Readings.ObisCode.ActiveImport, cancellationToken);
        var query = new ConsumptionQuery(database, registers, new SeriesLoader(new VeeStore()), new RollupStore());
        var series = new MeteredSeries(1, zone, Duration.FromMinutes(15));
        var from = Instant.FromUnixTimeSeconds(HouseholdSeries.Start);
        var to = from + Duration.FromDays(Math.Min(days, 365) - 1);
        var best = double.MaxValue;
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var points = await query.SummariesAsync(series, GridMeter.Domain.Readings.ObisCode.ActiveImport, from, to,
                GridMeter.Domain.Consumption.BucketSize.Day, SeriesVersion.Latest, cancellationToken);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            if (points.Count == 0)
            {
                throw new InvalidOperationException("no days");
            }
        }
        return best;
    }
}
