using Dapper;
using GridMeter.Server.Devices;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Live;

/// <summary>
/// Every few seconds writes completed live minutes and "last seen" times, and trims minutes older
/// than the retention.
/// </summary>
public sealed partial class LiveMinuteJob(
    LiveValueStore live, DeviceStatusStore status, IDatabase database, TimeProvider clock, IOptions<LiveOptions> options, ILogger<LiveMinuteJob> logger)
    : BackgroundService
{
    private Instant _lastTrim = Instant.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.FlushSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is in memory now is the last minute; write it.
            await FlushAsync(CancellationToken.None);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
            var minutes = live.TakeCompleted(now);
            await status.FlushLastSeenAsync(cancellationToken);
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var (meterKey, minute) in minutes)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO live_minutes (meter_key, minute, stats) VALUES (@meterKey, @minute, @stats) ON CONFLICT DO NOTHING",
                    new { meterKey, minute = minute.Minute, stats = minute.ToJson() }, transaction, cancellationToken: cancellationToken));
            }
            if (now - _lastTrim > Duration.FromHours(1))
            {
                var oldest = (now - Duration.FromDays(options.Value.RetentionDays)).ToUnixTimeSeconds() / 60;
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM live_minutes WHERE minute < @oldest", new { oldest }, transaction, cancellationToken: cancellationToken));
                _lastTrim = now;
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            LogFlushFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing live minutes failed; retrying at the next flush")]
    private partial void LogFlushFailed(Exception exception);
}
