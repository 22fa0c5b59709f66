using Dapper;
using GridMeter.Server.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace GridMeter.Server.Webhooks;

/// <summary>
/// Subscriptions and the delivery log. A secret must be readable to sign with, so it is kept
/// encrypted with the server's data-protection keys rather than hashed.
/// </summary>
public sealed class WebhookStore(IDatabase database, IDataProtectionProvider protection)
{
    private const string SubscriptionColumns =
        "key, id, organisation_id AS OrganisationId, url, event_types AS EventTypes, secret, created_by AS CreatedBy, created_at AS CreatedAt, ended_at AS EndedAt";

    private const string DeliveryColumns =
        "key, subscription_key AS SubscriptionKey, event_id AS EventId, event_type AS EventType, payload, status, attempts, " +
        "next_attempt_at AS NextAttemptAt, last_status AS LastStatus, last_error AS LastError, created_at AS CreatedAt, delivered_at AS DeliveredAt";

    private readonly IDataProtector _secrets = protection.CreateProtector("GridMeter.Webhooks.Secret");

    public async Task<WebhookSubscription> CreateAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var key = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO webhook_subscriptions (id, organisation_id, url, event_types, secret, created_by, created_at)
            VALUES (@Id, @OrganisationId, @Url, @EventTypes, @Protected, @CreatedBy, @CreatedAt) RETURNING key
            """,
            new { subscription.Id, subscription.OrganisationId, subscription.Url, subscription.EventTypes, Protected = _secrets.Protect(subscription.Secret),
                  subscription.CreatedBy, subscription.CreatedAt },
            cancellationToken: cancellationToken));
        return subscription with { Key = key };
    }

    /// <summary>Every active subscription, secrets readable: the publisher's view.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WebhookSubscription>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE ended_at IS NULL ORDER BY key", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r with { Secret = _secrets.Unprotect(r.Secret) })];
    }

    /// <summary>The active subscriptions of an organisation (all of them when null), without their secrets.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(string? organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WebhookSubscription>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE ended_at IS NULL AND (@org IS NULL OR organisation_id = @org) ORDER BY key",
            new { org = organisationId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r with { Secret = "" })];
    }

    /// <summary>Ids are "wh_" and hex; anything else cannot exist and is not looked up.</summary>
    public static bool IsId(string id) => id.Length is > 3 and <= 64 && id.StartsWith("wh_", StringComparison.Ordinal) && id.Skip(3).All(char.IsAsciiHexDigitLower);

    public async Task<WebhookSubscription?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WebhookSubscription>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row is null ? null : row with { Secret = "" };
    }

    /// <summary>Ends a subscription: nothing more is queued or sent; its log stays. Ending it again changes nothing.</summary>
    public async Task EndAsync(long key, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_subscriptions SET ended_at = @now WHERE key = @key AND ended_at IS NULL;
            UPDATE webhook_deliveries SET status = 'ended' WHERE subscription_key = @key AND status = 'pending';
            """,
            new { key, now }, cancellationToken: cancellationToken));
    }

    /// <summary>Queues one event for each subscription, durably, in one transaction.</summary>
    public async Task EnqueueAsync(IReadOnlyList<long> subscriptionKeys, string eventId, string eventType, string payload, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var key in subscriptionKeys)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO webhook_deliveries (subscription_key, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
                VALUES (@key, @eventId, @eventType, @payload, 'pending', 0, @now, @now)
                """,
                new { key, eventId, eventType, payload, now }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DueAsync(long now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<WebhookDelivery>(new CommandDefinition(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY key LIMIT @limit",
            new { now, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Takes a due delivery for <paramref name="leaseUntil"/>: true for exactly one taker, so two
    /// servers never send the same delivery at once.
    /// </summary>
    public async Task<bool> ClaimAsync(WebhookDelivery delivery, long leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET next_attempt_at = @leaseUntil WHERE key = @Key AND status = 'pending' AND next_attempt_at = @NextAttemptAt",
            new { leaseUntil, delivery.Key, delivery.NextAttemptAt }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task RecordAsync(long key, string status, int attempts, long nextAttemptAt, int? httpStatus, string? error, long? deliveredAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET status = @status, attempts = @attempts, next_attempt_at = @nextAttemptAt,
                last_status = @httpStatus, last_error = @error, delivered_at = @deliveredAt
            WHERE key = @key
            """,
            new { key, status, attempts, nextAttemptAt, httpStatus, error, deliveredAt }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(long subscriptionKey, long before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<WebhookDelivery>(new CommandDefinition(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE subscription_key = @subscriptionKey AND key < @before ORDER BY key DESC LIMIT @limit",
            new { subscriptionKey, before, limit }, cancellationToken: cancellationToken))];
    }
}
