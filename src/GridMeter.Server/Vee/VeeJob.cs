using System.Data.Common;
using Dapper;
using GridMeter.Domain.Vee;
using GridMeter.Server.Cluster;
using GridMeter.Server.Consumption;
using GridMeter.Server.Readings;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Vee;

/// <summary>
/// The meter-data job: takes the days the writer marked dirty, validates and estimates the readings
/// around them (from the last reading before to the first after, so a gap is redone whole), stores
/// what it decided, refreshes the daily rollups of the local days touched, and only then clears the
/// markers it claimed — unless a later commit set them again. Woken by every commit, and polling for
/// work another node or a crash left; it runs on the node holding the lease.
/// </summary>
public sealed partial class VeeJob(
    IDatabase database, VeeStore vee, SeriesTargets targets, VeeSettingsStore settings, SeriesLoader loader, RollupUpdater rollups,
    JobLease lease, ReadingsCommitted committed, TimeProvider clock, IOptions<VeeOptions> options, ILogger<VeeJob> logger)
    : LeasedPeriodicJob(lease, clock)
{
    private readonly SemaphoreSlim _running = new(1, 1);

    public override string LeaseName => "vee";

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override TimeSpan LeaseDuration => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    protected override Task RunLeasedAsync(CancellationToken cancellationToken) => ProcessPendingAsync(cancellationToken);

    // Every commit wakes the job; the period is the poll for work another node or a crash left.
    protected override Task WaitForNextRoundAsync(CancellationToken cancellationToken) => committed.WaitAsync(Period, cancellationToken);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    /// <summary>Processes every dirty day there is now; returns how many markers were cleared.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            var cleared = 0;
            // The lease is renewed for every batch, so a long backlog keeps it.
            while (await RenewLeaseAsync(cancellationToken))
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                var markers = (await connection.QueryAsync<DirtyMarker>(new CommandDefinition(
                    "SELECT meter, day FROM mdm_dirty ORDER BY meter, day LIMIT @limit",
                    new { limit = options.Value.BatchSize }, cancellationToken: cancellationToken))).ToList();
                if (markers.Count == 0)
                {
                    break;
                }
                await ClaimAsync(connection, markers, cancellationToken);
                // Registers are few (a handful of OBIS codes across the fleet); a marker covers all of a series'.
                var registers = (await connection.QueryAsync<long>(new CommandDefinition("SELECT key FROM registers", cancellationToken: cancellationToken))).ToList();
                var failed = new HashSet<long>();
                foreach (var run in Runs(markers))
                {
                    try
                    {
                        var target = await targets.ResolveAsync(run.Meter, cancellationToken);
                        foreach (var register in target is null ? [] : registers)
                        {
                            await ProcessAsync(connection, target!, (int)register, run.FromDay, run.ToDay, cancellationToken);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // One series' trouble must not hold up the others: its days stay marked and are retried next round.
                        LogSeriesFailed(e, run.Meter, run.FromDay, run.ToDay);
                        failed.Add(run.Meter);
                    }
                }
                cleared += await ClearAsync(connection, [.. markers.Where(m => !failed.Contains(m.Meter))], cancellationToken);
                if (failed.Count > 0 && markers.All(m => failed.Contains(m.Meter)))
                {
                    break;
                }
            }
            return cleared;
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task ProcessAsync(DbConnection connection, SeriesTarget target, int register, long fromDay, long toDay, CancellationToken cancellationToken)
    {
        var series = target.Series;
        var meter = series.Key;
        var readings = await SeriesLoader.ReadingsAroundAsync(
            connection, meter, register, fromDay * DirtyDay.SecondsPerDay, ((toDay + 1) * DirtyDay.SecondsPerDay) - 1, cancellationToken);
        if (readings.Count == 0)
        {
            return;
        }
        var (first, last) = (readings[0].Timestamp.ToUnixTimeSeconds(), readings[^1].Timestamp.ToUnixTimeSeconds());
        var now = Instant.FromDateTimeOffset(Clock.GetUtcNow());
        var input = new VeeInput(
            readings,
            await vee.EventsAsync(connection, meter, register, first, last, recordedOnly: true, cancellationToken),
            await vee.ConflictsAsync(connection, meter, register, first, last, cancellationToken),
            target.Limit,
            await ProfileAsync(connection, series, register, readings[0].Timestamp, now, cancellationToken),
            await settings.ForSupplierAsync(target.SupplierId, cancellationToken),
            series.Zone,
            series.ReadingPeriod,
            now);
        var outcome = GridMeter.Domain.Vee.Vee.Run(input);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await vee.ReplaceDerivedAsync(connection, transaction, meter, register, first, last, outcome, now.ToUnixTimeMilliseconds(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await rollups.RefreshAsync(connection, series, register, first, last, cancellationToken);
    }

    /// <summary>The stored profile, learned again from the weeks before <paramref name="before"/> once it is old.</summary>
    private async Task<Profile> ProfileAsync(DbConnection connection, MeteredSeries series, int register, Instant before, Instant now, CancellationToken cancellationToken)
    {
        var stored = await vee.ProfileAsync(connection, series.Key, register, cancellationToken);
        var profile = stored is { } s ? Profile.FromBytes(s.Profile) : Profile.Empty;
        var age = stored is { } t ? now - Instant.FromUnixTimeMilliseconds(t.LearnedAt) : Duration.MaxValue;
        if (age < Duration.FromDays(options.Value.ProfileRefreshDays) && (!profile.IsEmpty || age < Duration.FromHours(1)))
        {
            return profile;
        }
        var from = before - Duration.FromDays(7 * options.Value.ProfileWeeks);
        var history = await loader.LoadAsync(connection, series, register, from, before, SeriesVersion.AsRead, cancellationToken);
        profile = Profile.Learn(history, from, before, series.Zone);
        await vee.SaveProfileAsync(connection, series.Key, register, now.ToUnixTimeMilliseconds(), profile.ToBytes(), cancellationToken);
        return profile;
    }

    /// <summary>
    /// Claims the markers before their readings are read: a commit after this clears a claim (the
    /// writer's upsert waits for this transaction), so its readings are never dropped unseen.
    /// </summary>
    private static async Task ClaimAsync(DbConnection connection, List<DirtyMarker> markers, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE mdm_dirty SET claimed = 1 WHERE meter = @Meter AND day = @Day", markers, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes the markers processed, except those a commit claimed back meanwhile.</summary>
    private static async Task<int> ClearAsync(DbConnection connection, List<DirtyMarker> markers, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cleared = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM mdm_dirty WHERE meter = @Meter AND day = @Day AND claimed = 1",
            markers, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return cleared;
    }

    /// <summary>Markers of consecutive days of one series, as ranges.</summary>
    private static IEnumerable<(long Meter, long FromDay, long ToDay)> Runs(List<DirtyMarker> markers)
    {
        var i = 0;
        while (i < markers.Count)
        {
            var j = i;
            while (j + 1 < markers.Count && markers[j + 1].Meter == markers[i].Meter && markers[j + 1].Day == markers[j].Day + 1)
            {
                j++;
            }
            yield return (markers[i].Meter, markers[i].Day, markers[j].Day);
            i = j + 1;
        }
    }

    private sealed record DirtyMarker(long Meter, long Day);

    [LoggerMessage(Level = LogLevel.Error, Message = "The meter-data job failed; its work stays marked and is retried")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Validating series {Series} over UTC days {FromDay} to {ToDay} failed; those days stay marked and are retried")]
    private partial void LogSeriesFailed(Exception exception, long series, long fromDay, long toDay);
}
