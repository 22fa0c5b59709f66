namespace GridMeter.Server.Webhooks;

/// <summary>One event for one subscription: the delivery log entry and its place in the retry queue.</summary>
public sealed record WebhookDelivery(
    long Key, long SubscriptionKey, string EventId, string EventType, string Payload, string Status, long Attempts, long NextAttemptAt,
    long? LastStatus, string? LastError, long CreatedAt, long? DeliveredAt);
