using Dapper;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Billing;
using GridMeter.Server.Consumption;
using GridMeter.Server.Storage;
using GridMeter.Server.Tests.Storage;
using GridMeter.Server.Vee;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace GridMeter.Server.Tests.Billing;

/// <summary>
/// A bill run reads its meters' series a block at a time; every meter's series from the block must
/// be the one the meter's own load gives, with events, estimates, flags and edits applied.
/// </summary>
public abstract class BillRunSeriesTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // 2026-11-01 00:00 UTC and the quarter-hours of two days.
    private const long Start = 1_793_491_200;
    private const long Step = 900;
    private const int Points = 192;

    protected IDatabase Database { get; private set; } = null!;

    protected abstract Task<IDatabase> CreateDatabaseAsync();

    protected virtual Task DisposedAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await new Migrator(Database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)Database).DisposeAsync();
        await DisposedAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Every_meter_of_a_block_gets_the_series_its_own_load_gives_and_an_edit_past_its_readings_is_left_to_that_load()
    {
        var register = await new RegisterCatalog(Database).KeyOfAsync(ObisCode.ActiveImport, Cancel);
        await using var connection = await Database.OpenAsync(Cancel);
        await connection.ExecuteAsync("INSERT INTO organisations (id, name, kind, created_at) VALUES ('acme', 'ACME', 'supplier', 0), ('other', 'Other', 'supplier', 0)");
        // Meter 3 is another supplier's, inside the block's key range; meter 6 has no readings.
        foreach (var key in new long[] { 1, 2, 3, 4, 5, 6 })
        {
            await connection.ExecuteAsync(
                "INSERT INTO meters (key, id, time_zone, phases, secret_hash, supplier_id, created_at) VALUES (@key, @id, 'Europe/Rome', 1, @hash, @supplier, 0)",
                new { key, id = $"MTR-{key}", hash = new byte[] { 0 }, supplier = key == 3 ? "other" : "acme" });
        }
        var rows = new List<object>();
        foreach (var meter in new long[] { 1, 2, 3, 4, 5 })
        {
            long value = 1_000 * meter;
            for (var i = 0; i < Points; i++)
            {
                // Meter 2 misses an hour; meter 5 has readings only before the span and after it.
                if ((meter == 2 && i is >= 40 and < 44) || (meter == 5 && i is >= 10 and < 180))
                {
                    value += 40;
                    continue;
                }
                value += 10 + (i % 7) + meter;
                rows.Add(new { meter, register, ts = Start + (i * Step), value });
            }
        }
        await connection.ExecuteAsync("INSERT INTO readings (meter, register, ts, value) VALUES (@meter, @register, @ts, @value)", rows);
        await connection.ExecuteAsync(
            """
            INSERT INTO register_events (meter, register, ts, kind, before_value, after_value, actor, reason, recorded_at)
            VALUES (@meter, @register, @ts, 'exchange', @before, 0, 'test', NULL, 0)
            """,
            new[] { new { meter = 1L, register, ts = Start + (100 * Step), before = 99_999L }, new { meter = 4L, register, ts = Start + (60 * Step), before = 88_888L } });
        await connection.ExecuteAsync(
            "INSERT INTO vee_estimates (meter, register, start_ts, end_ts, points) VALUES (@meter, @register, @start, @end, @points)",
            new { meter = 2L, register, start = Start + (39 * Step), end = Start + (44 * Step), points = PatchCodec.Encode([Point(40, 20), Point(41, 40), Point(42, 60), Point(43, 80)]) });
        await connection.ExecuteAsync(
            "INSERT INTO vee_flags (meter, register, start_ts, end_ts, rule, detail) VALUES (@meter, @register, @start, @end, 'above_physical_limit', 'too much')",
            new[] { new { meter = 1L, register, start = Start + (20 * Step), end = Start + (22 * Step) }, new { meter = 2L, register, start = Start + (150 * Step), end = Start + (151 * Step) } });
        await connection.ExecuteAsync(
            """
            INSERT INTO interval_edits (meter, register, version, start_ts, end_ts, points, reason, actor, created_at)
            VALUES (@meter, @register, @version, @start, @end, @points, 'test', 'test', 0)
            """,
            new[]
            {
                new { meter = 1L, register, version = 1, start = Start + (30 * Step), end = Start + (34 * Step), points = PatchCodec.Encode([Point(31, 5), Point(32, 10), Point(33, 15), Point(34, 20)]) },
                new { meter = 4L, register, version = 1, start = Start + (180 * Step), end = Start + (400 * Step), points = PatchCodec.Encode([Point(181, 5), Point(400, 100)]) },
            });

        var (lo, hi) = (Start + (8 * Step), Start + (184 * Step));
        var block = await BillRunSeries.LoadAsync(connection, "acme", 1, 6, register, lo, hi, Cancel);
        var loader = new SeriesLoader(new VeeStore());
        var compared = 0;
        foreach (var meter in new long[] { 1, 2, 4, 5, 6 })
        {
            var series = new MeteredSeries(meter, DateTimeZoneProviders.Tzdb["Europe/Rome"], Duration.FromMinutes(15));
            foreach (var (from, to) in new[] { (lo, hi), (lo + (50 * Step), hi - (30 * Step)), (lo + Step + 1, lo + (5 * Step) - 1) })
            {
                var own = await loader.LoadAsync(connection, series, register, Instant.FromUnixTimeSeconds(from), Instant.FromUnixTimeSeconds(to), SeriesVersion.Latest, Cancel);
                var batched = block.TryLatest(series, register, from, to);
                if (meter == 4 && from == lo)
                {
                    Assert.Null(batched);
                    continue;
                }
                Assert.NotNull(batched);
                Assert.Equal(own.Points.ToArray(), batched.Points.ToArray());
                Assert.Equal(Enumerable.Range(0, own.Count).Select(own.StepQuality), Enumerable.Range(0, batched.Count).Select(batched.StepQuality));
                compared++;
            }
        }
        Assert.Equal(14, compared);
        // Another register, or a span reaching past the one read, is not answered from the block.
        Assert.Null(block.TryLatest(new MeteredSeries(1, DateTimeZone.Utc, Duration.FromMinutes(15)), register + 1, lo, hi));
        Assert.Null(block.TryLatest(new MeteredSeries(1, DateTimeZone.Utc, Duration.FromMinutes(15)), register, lo - 1, hi));
    }

    private static RegisterPoint Point(int quarter, long wh) => new(Instant.FromUnixTimeSeconds(Start + (quarter * Step)), wh);
}

public sealed class SqliteBillRunSeriesTests : BillRunSeriesTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridmeter-billrun-").FullName;

    protected override Task<IDatabase> CreateDatabaseAsync() => Task.FromResult<IDatabase>(new SqliteDatabase(Path.Combine(_dir, "gridmeter.db"), 8));

    protected override Task DisposedAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PostgresBillRunSeriesTests : BillRunSeriesTests
{
    protected override async Task<IDatabase> CreateDatabaseAsync() =>
        new PostgresDatabase(NpgsqlDataSource.Create(await TestPostgres.NewSchemaAsync()));
}
