using Dapper;
using GridMeter.Domain.Alerts;
using GridMeter.Server.Cluster;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Alerts;

/// <summary>
/// Works through the outbox: sends each due delivery on its channel, holds back those that fall in
/// the person's quiet hours until they end, and retries failures with exponential backoff. A
/// delivery is marked sent only after its channel accepted it, so a crash in between may send it
/// twice but never loses it. Runs on the node holding the "alerts" lease.
/// </summary>
public sealed partial class AlertDeliveryJob(
    IDatabase database, IEnumerable<IAlertChannel> channels, AlertRules rules, JobLease lease, AlertSignal signal, TimeProvider clock,
    IOptions<AlertsOptions> options, ILogger<AlertDeliveryJob> logger) : LeasedPeriodicJob(lease, clock)
{
    private readonly Dictionary<string, IAlertChannel> _channels = channels.ToDictionary(c => c.Name);
    private readonly SemaphoreSlim _running = new(1, 1);

    public override string LeaseName => "alerts";

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override async Task RunLeasedAsync(CancellationToken cancellationToken)
    {
        await rules.EvaluateAsync(everyTime: false, cancellationToken);
        await DeliverDueAsync(cancellationToken);
    }

    // A new alert wakes the job at once.
    protected override Task WaitForNextRoundAsync(CancellationToken cancellationToken) => signal.WaitAsync(Period, cancellationToken);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    /// <summary>Tries every delivery that is due now; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            var sent = 0;
            var now = Clock.GetUtcNow();
            await using var connection = await database.OpenAsync(cancellationToken);
            var due = await connection.QueryAsync<DueDelivery>(new CommandDefinition(
                """
                SELECT d.key AS Key, d.channel AS Channel, d.attempts AS Attempts, a.id AS AlertId, a.type AS Type, a.meter_id AS MeterId,
                       a.message AS Message, a.raised_at AS RaisedAt, u.email AS Email, u.mobile AS Mobile, s.time_zone AS TimeZone,
                       s.quiet_from AS QuietFrom, s.quiet_to AS QuietTo, s.webhook_url AS WebhookUrl, s.webhook_secret AS WebhookSecret
                FROM alert_deliveries d JOIN alerts a ON a.key = d.alert_key JOIN users u ON u.key = a.user_key
                LEFT JOIN alert_settings s ON s.user_key = a.user_key
                WHERE d.status IN ('pending', 'deferred', 'retrying') AND d.next_attempt_at <= @now
                ORDER BY d.next_attempt_at, d.key LIMIT @limit
                """,
                new { now = now.ToUnixTimeMilliseconds(), limit = options.Value.BatchSize }, cancellationToken: cancellationToken));
            foreach (var delivery in due)
            {
                sent += await DeliverAsync(connection, delivery, Instant.FromDateTimeOffset(now), cancellationToken) ? 1 : 0;
            }
            return sent;
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<bool> DeliverAsync(System.Data.Common.DbConnection connection, DueDelivery d, Instant now, CancellationToken cancellationToken)
    {
        if (d.QuietFrom is { } from && d.QuietTo is { } to && DateTimeZoneProviders.Tzdb.GetZoneOrNull(d.TimeZone ?? "") is { } zone
            && new QuietHours(LocalTime.FromMinutesSinceMidnight((int)from), LocalTime.FromMinutesSinceMidnight((int)to)).DeferUntil(now, zone) is { } until)
        {
            await UpdateAsync(connection, d.Key, DeliveryStatus.Deferred, d.Attempts, until.ToUnixTimeMilliseconds(), null, null, cancellationToken);
            return false;
        }
        var outgoing = new OutgoingAlert(d.AlertId, d.Type, d.MeterId, d.Message, DateTimeOffset.FromUnixTimeMilliseconds(d.RaisedAt), d.Email, d.Mobile, d.WebhookUrl, d.WebhookSecret);
        if (!_channels.TryGetValue(d.Channel, out var channel) || string.IsNullOrEmpty(channel.AddressOf(outgoing)))
        {
            await UpdateAsync(connection, d.Key, DeliveryStatus.Failed, d.Attempts, now.ToUnixTimeMilliseconds(), "no address or channel not configured", null, cancellationToken);
            return false;
        }
        var attempts = (int)d.Attempts + 1;
        try
        {
            await channel.SendAsync(outgoing, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var giveUp = attempts >= options.Value.MaxAttempts;
            var wait = Backoff.After(attempts, Duration.FromSeconds(options.Value.RetryFirstSeconds), Duration.FromSeconds(options.Value.RetryMaxSeconds));
            LogAttemptFailed(d.Channel, d.AlertId, attempts, e.Message);
            var error = e.Message.Length > 300 ? e.Message[..300] : e.Message;
            await UpdateAsync(connection, d.Key, giveUp ? DeliveryStatus.Failed : DeliveryStatus.Retrying, attempts, (now + wait).ToUnixTimeMilliseconds(), error, null, cancellationToken);
            return false;
        }
        await UpdateAsync(connection, d.Key, DeliveryStatus.Sent, attempts, now.ToUnixTimeMilliseconds(), null, now.ToUnixTimeMilliseconds(), cancellationToken);
        return true;
    }

    private static Task UpdateAsync(
        System.Data.Common.DbConnection connection, long key, string status, long attempts, long next, string? error, long? deliveredAt, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alert_deliveries SET status = @status, attempts = @attempts, next_attempt_at = @next, last_error = @error, delivered_at = @deliveredAt
            WHERE key = @key
            """,
            new { key, status, attempts, next, error, deliveredAt }, cancellationToken: cancellationToken));

    private sealed record DueDelivery(
        long Key, string Channel, long Attempts, string AlertId, string Type, string? MeterId, string Message, long RaisedAt, string? Email, string? Mobile,
        string? TimeZone, long? QuietFrom, long? QuietTo, string? WebhookUrl, string? WebhookSecret);

    [LoggerMessage(Level = LogLevel.Error, Message = "The alert job failed; the outbox keeps its deliveries and tries again")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering alert {AlertId} by {Channel} failed (attempt {Attempts}): {Error}")]
    private partial void LogAttemptFailed(string channel, string alertId, int attempts, string error);
}
