using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dapper;
using GridMeter.Domain.Alerts;
using GridMeter.Server.Storage;
using GridMeter.Server.Webhooks;

namespace GridMeter.Server.Alerts;

/// <summary>
/// The one entry point for raising and clearing alerts, for every feature: <c>RaiseAsync(AlertCondition.LowBalance(…))</c>.
/// Raising a condition that is already active does nothing — the same condition alerts once until
/// it is cleared. A new alert is committed together with one outbox row per person and channel,
/// so nothing is lost to a crash or a channel that is down; the delivery job sends them.
/// </summary>
public sealed partial class Alerting(IDatabase database, WebhookEvents webhooks, TimeProvider clock, AlertSignal signal, ILogger<Alerting> logger)
{
    public const int MaxKeyLength = 300;

    /// <summary>Raises the condition; returns how many people were alerted (0 when it was already active).</summary>
    public async Task<int> RaiseAsync(AlertCondition condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (!AlertType.IsKnown(condition.Type) || condition.Key.Length is 0 or > MaxKeyLength)
        {
            throw new ArgumentException($"Alert type '{condition.Type}' is unknown or the key is empty or longer than {MaxKeyLength}.", nameof(condition));
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var meterKey = condition.MeterId is null ? null : await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT key FROM meters WHERE id = @id", new { id = condition.MeterId }, transaction, cancellationToken: cancellationToken));
        var fresh = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_conditions (condition_key, type, meter_key, active, raised_at) VALUES (@Key, @Type, @meterKey, 1, @now)
            ON CONFLICT (condition_key) DO UPDATE SET active = 1, raised_at = excluded.raised_at, cleared_at = NULL
            WHERE alert_conditions.active = 0
            """,
            new { condition.Key, condition.Type, meterKey, now }, transaction, cancellationToken: cancellationToken));
        if (fresh == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }
        var recipients = await AlertRecipients.ForAsync(connection, transaction, condition, cancellationToken);
        foreach (var userKey in recipients)
        {
            await AddAlertAsync(connection, transaction, condition, userKey, now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogRaised(condition.Type, condition.Key, recipients.Count);
        signal.Wake();
        await webhooks.PublishAsync(WebhookEventTypes.AlertRaised, condition.MeterId,
            new JsonObject { ["type"] = condition.Type, ["key"] = condition.Key, ["message"] = condition.Message }, cancellationToken);
        return recipients.Count;
    }

    /// <summary>Clears the condition, so raising it again alerts again; false when it was not active.</summary>
    public async Task<bool> ClearAsync(string conditionKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var cleared = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert_conditions SET active = 0, cleared_at = @now WHERE condition_key = @conditionKey AND active = 1",
            new { conditionKey, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        if (cleared > 0)
        {
            LogCleared(conditionKey);
        }
        return cleared > 0;
    }

    /// <summary>The keys of the active conditions of <paramref name="type"/>.</summary>
    public async Task<IReadOnlyList<string>> ActiveAsync(string type, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT condition_key FROM alert_conditions WHERE type = @type AND active = 1", new { type }, cancellationToken: cancellationToken))];
    }

    private static async Task AddAlertAsync(DbConnection connection, DbTransaction transaction, AlertCondition condition, long userKey, long now, CancellationToken cancellationToken)
    {
        var alertKey = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO alerts (id, user_key, type, meter_id, condition_key, message, raised_at)
            VALUES (@id, @userKey, @Type, @MeterId, @Key, @Message, @now) RETURNING key
            """,
            new { id = "al_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), userKey, condition.Type, condition.MeterId, condition.Key, condition.Message, now },
            transaction, cancellationToken: cancellationToken));
        var contact = await AlertContacts.LoadAsync(connection, transaction, userKey, cancellationToken);
        foreach (var channel in AlertRouting.Channels(condition.Type, contact))
        {
            // The inbox is the alert list itself: delivered the moment the alert is committed.
            var inbox = channel == AlertChannel.Inbox;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO alert_deliveries (alert_key, channel, status, attempts, next_attempt_at, delivered_at)
                VALUES (@alertKey, @channel, @status, 0, @now, @deliveredAt)
                """,
                new { alertKey, channel, status = inbox ? DeliveryStatus.Delivered : DeliveryStatus.Pending, now, deliveredAt = inbox ? now : (long?)null },
                transaction, cancellationToken: cancellationToken));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Type} raised ({Key}) for {Recipients} people")]
    private partial void LogRaised(string type, string key, int recipients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert condition {Key} cleared")]
    private partial void LogCleared(string key);
}
