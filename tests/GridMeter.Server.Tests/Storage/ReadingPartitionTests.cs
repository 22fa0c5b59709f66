using Dapper;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GridMeter.Server.Tests.Storage;

/// <summary>Readings on PostgreSQL live in monthly partitions (migration 0013).</summary>
public sealed class ReadingPartitionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private PostgresDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _database = new PostgresDatabase(NpgsqlDataSource.Create(await TestPostgres.NewSchemaAsync()));

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Migrating_a_populated_readings_table_keeps_every_row_and_still_recognises_resends()
    {
        await MigrateUpToAsync(12);
        await using (var connection = await _database.OpenAsync(Cancel))
        {
            // 3 meters × 2 registers, every quarter-hour from mid-September to mid-November: three months.
            await connection.ExecuteAsync(
                """
                INSERT INTO readings (meter, register, ts, value)
                SELECT m, r, t, t / 900 FROM generate_series(1, 3) m, generate_series(1, 2) r,
                    generate_series(@from, @to, 900) t
                """,
                new { from = November.AddMonths(-2).AddDays(14).ToUnixTimeSeconds(), to = November.AddDays(14).ToUnixTimeSeconds() });
        }
        var before = await CountAsync("readings");

        await new Migrator(_database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(Cancel);

        Assert.Equal(before, await CountAsync("readings"));
        Assert.Equal([November.AddMonths(-2), November.AddMonths(-1), November], await Partitions().MonthsAsync(Cancel));
        Assert.Equal(0, await CountAsync("readings_default"));
        var ts = November.AddDays(3).ToUnixTimeSeconds();
        var outcome = await _database.AppendReadingsAsync(
            [new StoredReading[] { new(1, 1, ts, ts / 900), new(1, 1, ts, 7), new(1, 1, ts + 1, 1) }], 0, Cancel);
        Assert.Equal(new ReadingWriteOutcome(1, 1, 1), outcome[0]);
        Assert.Equal(before + 1, await CountAsync("readings"));
    }

    [Fact]
    public async Task Months_are_created_ahead_and_readings_waiting_in_the_default_partition_move_into_theirs()
    {
        await MigrateUpToAsync(int.MaxValue);
        var march = November.AddMonths(4);
        await _database.AppendReadingsAsync([new StoredReading[] { new(1, 1, march.AddDays(2).ToUnixTimeSeconds(), 5) }], 0, Cancel);
        Assert.Equal(1, await CountAsync("readings_default"));

        Assert.Equal(4, await Partitions().CreateAheadAsync(November.AddMonths(2).AddDays(20), 3, Cancel));

        Assert.Equal([November.AddMonths(2), November.AddMonths(3), march, November.AddMonths(5)], await Partitions().MonthsAsync(Cancel));
        Assert.Equal((0L, 1L, 1L), (await CountAsync("readings_default"), await CountAsync("readings_202703"), await CountAsync("readings")));
        Assert.Equal(0, await Partitions().CreateAheadAsync(November.AddMonths(2), 3, Cancel));
        var again = await _database.AppendReadingsAsync([new StoredReading[] { new(1, 1, march.AddDays(2).ToUnixTimeSeconds(), 5) }], 0, Cancel);
        Assert.Equal(new ReadingWriteOutcome(0, 1, 0), again[0]);
    }

    [Fact]
    public async Task Retention_drops_the_months_past_it_with_their_readings_and_keeps_the_rest()
    {
        await MigrateUpToAsync(int.MaxValue);
        await Partitions().CreateAheadAsync(November.AddMonths(-3), 3, Cancel);
        foreach (var month in new[] { -3, -2, -1, 0 })
        {
            await _database.AppendReadingsAsync([new StoredReading[] { new(1, 1, November.AddMonths(month).AddDays(1).ToUnixTimeSeconds(), 1) }], 0, Cancel);
        }

        Assert.Equal(2, await Partitions().DropOlderAsync(November.AddDays(10), 2, Cancel));

        Assert.Equal([November.AddMonths(-1), November], await Partitions().MonthsAsync(Cancel));
        Assert.Equal(2, await CountAsync("readings"));
    }

    private ReadingPartitions Partitions() => new(_database, NullLogger<ReadingPartitions>.Instance);

    /// <summary>Brings the schema to <paramref name="version"/> as the migrator would have at the time.</summary>
    private async Task MigrateUpToAsync(int version)
    {
        await using var connection = await _database.OpenAsync(Cancel);
        await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        foreach (var script in Migrator.Scripts(StorageProvider.Postgres).Where(s => s.Version <= version))
        {
            await connection.ExecuteAsync(script.Sql);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, 0)", new { script.Version, script.Name });
        }
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await _database.OpenAsync(Cancel);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}
