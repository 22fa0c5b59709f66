using Dapper;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Alerts;

/// <summary>A person's alert history with the delivery status of each channel.</summary>
public sealed class AlertStore(IDatabase database)
{
    public async Task<IReadOnlyList<AlertItem>> ListAsync(long userKey, long? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var alerts = (await connection.QueryAsync<(long Key, string Id, string Type, string? MeterId, long RaisedAt, string Message)>(new CommandDefinition(
            """
            SELECT key, id, type, meter_id, raised_at, message FROM alerts
            WHERE user_key = @userKey AND (@before IS NULL OR key < @before) ORDER BY key DESC LIMIT @limit
            """,
            new { userKey, before, limit }, cancellationToken: cancellationToken))).ToList();
        if (alerts.Count == 0)
        {
            return [];
        }
        var deliveries = (await connection.QueryAsync<(long AlertKey, string Channel, string Status, long Attempts, long? DeliveredAt, long NextAttemptAt)>(new CommandDefinition(
            """
            SELECT alert_key, channel, status, attempts, delivered_at, next_attempt_at FROM alert_deliveries
            WHERE alert_key >= @low AND alert_key <= @high ORDER BY alert_key, key
            """,
            new { low = alerts[^1].Key, high = alerts[0].Key }, cancellationToken: cancellationToken))).ToLookup(d => d.AlertKey);
        return [.. alerts.Select(a => new AlertItem(
            a.Id, a.Type, a.MeterId, DateTimeOffset.FromUnixTimeMilliseconds(a.RaisedAt), a.Message,
            [.. deliveries[a.Key].Select(d => new DeliveryItem(
                d.Channel, d.Status, (int)d.Attempts, d.DeliveredAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
                d.Status is DeliveryStatus.Deferred or DeliveryStatus.Retrying ? DateTimeOffset.FromUnixTimeMilliseconds(d.NextAttemptAt) : null))]))];
    }
}
