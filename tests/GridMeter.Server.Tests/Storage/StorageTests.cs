using Dapper;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridMeter.Server.Tests.Storage;

/// <summary>
/// What every storage engine must do the same way. Each engine's subclass provides a fresh, empty
/// database per test.
/// </summary>
public abstract class StorageTests : IAsyncLifetime
{
    private readonly TimeProvider _clock = TimeProvider.System;

    protected IDatabase Database { get; private set; } = null!;

    protected abstract Task<IDatabase> CreateDatabaseAsync();

    /// <summary>Opens the same database again, as a restarted process would.</summary>
    protected abstract Task<IDatabase> ReopenAsync(IDatabase database);

    public async ValueTask InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await new Migrator(Database, _clock, NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)Database).DisposeAsync();
        await DisposedAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Removes what the engine left behind once the database is closed.</summary>
    protected virtual Task DisposedAsync() => Task.CompletedTask;

    [Fact]
    public async Task Migrating_twice_applies_each_script_once()
    {
        await new Migrator(Database, _clock, NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);

        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        var versions = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(Migrator.Scripts(Database.Provider).Select(s => (long)s.Version), versions);
    }

    [Fact]
    public async Task Every_migration_exists_for_both_engines()
    {
        var sqlite = Migrator.Scripts(StorageProvider.Sqlite).Select(s => (s.Version, s.Name));
        var postgres = Migrator.Scripts(StorageProvider.Postgres).Select(s => (s.Version, s.Name));
        Assert.Equal(sqlite, postgres);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task New_readings_are_inserted_and_exact_resends_change_nothing()
    {
        var meter = await AddMeterAsync("MTR-1");
        StoredReading[] batch = [new(meter, 1, 1000, 5_000), new(meter, 1, 1900, 5_250), new(meter, 2, 1000, 0)];

        var first = await AppendAsync(batch);
        var again = await AppendAsync(batch);

        Assert.Equal(new ReadingWriteOutcome(3, 0, 0), first[0]);
        Assert.Equal(new ReadingWriteOutcome(0, 3, 0), again[0]);
        Assert.Equal(3, await CountAsync("readings"));
        Assert.Equal(0, await CountAsync("reading_conflicts"));
    }

    [Fact]
    public async Task A_resend_with_another_value_is_kept_as_a_conflict_without_overwriting()
    {
        var meter = await AddMeterAsync("MTR-1");
        await AppendAsync([new StoredReading(meter, 1, 1000, 5_000)]);

        var outcome = await AppendAsync([new StoredReading(meter, 1, 1000, 5_999)]);

        Assert.Equal(new ReadingWriteOutcome(0, 0, 1), outcome[0]);
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5_000, await connection.ExecuteScalarAsync<long>("SELECT value FROM readings WHERE meter = @meter", new { meter }));
        Assert.Equal(5_999, await connection.ExecuteScalarAsync<long>("SELECT value FROM reading_conflicts WHERE meter = @meter", new { meter }));
    }

    [Fact]
    public async Task Within_one_commit_the_first_of_two_values_wins_and_each_batch_gets_its_own_outcome()
    {
        var meter = await AddMeterAsync("MTR-1");

        StoredReading[] first = [new(meter, 1, 1000, 1), new(meter, 1, 1900, 2)];
        StoredReading[] second = [new(meter, 1, 1000, 1), new(meter, 1, 2800, 3)];
        StoredReading[] third = [new(meter, 1, 1900, 7)];

        var outcomes = await AppendAsync(first, second, third);

        Assert.Equal([new(2, 0, 0), new(1, 1, 0), new(0, 0, 1)], outcomes);
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT value FROM readings WHERE ts = 1900"));
    }

    [Fact]
    public async Task Committed_readings_survive_reopening_the_database()
    {
        var meter = await AddMeterAsync("MTR-1");
        await AppendAsync([.. Enumerable.Range(0, 500).Select(i => new StoredReading(meter, 1, i * 900L, i * 10L))]);

        Database = await ReopenAsync(Database);

        Assert.Equal(500, await CountAsync("readings"));
    }

    [Fact]
    public async Task A_large_group_commit_stores_every_reading()
    {
        var meters = new List<long>();
        for (var m = 0; m < 20; m++)
        {
            meters.Add(await AddMeterAsync($"MTR-{m}"));
        }
        var batches = meters.Select(m => Enumerable.Range(0, 960).Select(i => new StoredReading(m, 1, i * 900L, i * 7L)).ToArray()).ToArray();

        var outcomes = await AppendAsync(batches);

        Assert.All(outcomes, o => Assert.Equal(new ReadingWriteOutcome(960, 0, 0), o));
        Assert.Equal(20 * 960, await CountAsync("readings"));
    }

    [Fact]
    public async Task A_commit_marks_each_changed_meter_and_utc_day_dirty_while_exact_resends_mark_nothing()
    {
        var meter = await AddMeterAsync("MTR-1");
        const long Day = 86_400;
        StoredReading[] batch = [new(meter, 1, (Day * 3) + 10, 1), new(meter, 1, (Day * 3) + 910, 2), new(meter, 1, Day * 4, 3), new(meter, 2, Day * 3, 0)];

        await AppendAsync(batch);
        var marked = await DirtyAsync();
        await ExecuteAsync("DELETE FROM mdm_dirty");
        await AppendAsync(batch);
        var afterResend = await DirtyAsync();
        await AppendAsync([new StoredReading(meter, 1, Day * 4, 99)]);
        var afterConflict = await DirtyAsync();

        Assert.Equal([(meter, 3L), (meter, 4L)], marked);
        Assert.Empty(afterResend);
        Assert.Equal([(meter, 4L)], afterConflict);
    }

    [Fact]
    public async Task A_commit_after_the_job_claimed_a_day_clears_the_claim_so_the_day_is_processed_again()
    {
        var meter = await AddMeterAsync("MTR-1");
        await AppendAsync([new StoredReading(meter, 1, 86_400 * 3, 1)]);
        await ExecuteAsync("UPDATE mdm_dirty SET claimed = 1");

        await AppendAsync([new StoredReading(meter, 1, (86_400 * 3) + 900, 2)]);

        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT claimed FROM mdm_dirty"));
    }

    [Fact]
    public async Task Only_one_node_holds_a_job_lease_until_it_expires()
    {
        var clock = new GridMeter.Testing.ManualClock(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var (first, second) = (new GridMeter.Server.Cluster.JobLease(Database, clock), new GridMeter.Server.Cluster.JobLease(Database, clock));
        var minute = TimeSpan.FromMinutes(1);
        var cancel = TestContext.Current.CancellationToken;

        Assert.True(await first.TryAcquireAsync("vee", minute, cancel));
        Assert.False(await second.TryAcquireAsync("vee", minute, cancel));
        Assert.True(await first.TryAcquireAsync("vee", minute, cancel));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await second.TryAcquireAsync("vee", minute, cancel));
        Assert.False(await first.TryAcquireAsync("vee", minute, cancel));
    }

    [Fact]
    public async Task The_audit_log_refuses_changes_and_deletions()
    {
        var log = new GridMeter.Server.Audit.AuditLog(Database, _clock);
        await log.RecordAsync(new("user:admin", "meter.created", "meter:MTR-1"), TestContext.Current.CancellationToken);
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("UPDATE audit_log SET actor = 'someone else'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("DELETE FROM audit_log"));

        var entry = Assert.Single(await log.ReadAsync(null, null, 10, TestContext.Current.CancellationToken));
        Assert.Equal(("user:admin", "meter.created", "meter:MTR-1"), (entry.Actor, entry.Action, entry.Target));
    }

    protected async Task<long> AddMeterAsync(string id)
    {
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO meters (id, time_zone, phases, secret_hash, created_at) VALUES (@id, 'Europe/Rome', 1, @hash, 0) RETURNING key",
            new { id, hash = new byte[32] });
    }

    private Task<ReadingWriteOutcome[]> AppendAsync(params StoredReading[][] batches) =>
        Database.AppendReadingsAsync([.. batches.Select(b => new ReadOnlyMemory<StoredReading>(b))], 0, TestContext.Current.CancellationToken);

    private async Task<List<(long Meter, long Day)>> DirtyAsync()
    {
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        return [.. await connection.QueryAsync<(long, long)>("SELECT meter, day FROM mdm_dirty ORDER BY meter, day")];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(sql);
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}
