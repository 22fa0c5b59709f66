using System.Diagnostics;
using Dapper;
using GridMeter.Server.Appliances;
using GridMeter.Server.Cluster;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Readings;
using GridMeter.Server.Storage;
using GridMeter.Server.Vee;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GridMeter.Bench.MeterData;

/// <summary>
/// The meter-data job end to end on SQLite: readings stored through the writer's append path (which
/// marks their days dirty), then one job pass that claims the days, validates, estimates, stores what
/// it found and rolls up — the rate at which it catches up with a backlog.
/// </summary>
internal static class JobThroughput
{
    public static async Task<(long Readings, double Seconds)> MeasureAsync(string workDir, int meters, int days, CancellationToken cancellationToken)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true; // as the server's storage setup does
        var database = new SqliteDatabase(Path.Combine(workDir, "job.db"), 256);
        await using var _ = database;
        await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync("INSERT INTO registers (obis) VALUES ('1-0:1.8.0')");
            for (var m = 1; m <= meters; m++)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO meters (key, id, time_zone, phases, secret_hash, created_at) VALUES (@m, @id, 'Europe/Rome', 1, @hash, 0)",
                    new { m, id = $"MTR-{m}", hash = new byte[32] });
            }
        }
        long readings = 0;
        for (var m = 1; m <= meters; m++)
        {
            var series = HouseholdSeries.Readings(m, 1, days, m).ToArray();
            readings += (await database.AppendReadingsAsync([series], 0, cancellationToken))[0].Inserted;
        }

        var options = Options.Create(new VeeOptions());
        var vee = new VeeStore();
        var loader = new SeriesLoader(vee);
        var job = new VeeJob(
            database, vee, new SeriesTargets(new MeterDirectory(database), new ApplianceRegistry(database)), new VeeSettingsStore(database, options),
            loader, new RollupUpdater(loader, new RollupStore()), new JobLease(database, TimeProvider.System), new ReadingsCommitted(),
            TimeProvider.System, options, NullLogger<VeeJob>.Instance);
        var watch = Stopwatch.StartNew();
        await job.ProcessPendingAsync(cancellationToken);
        return (readings, watch.Elapsed.TotalSeconds);
    }
}
