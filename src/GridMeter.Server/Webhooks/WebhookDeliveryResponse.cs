namespace GridMeter.Server.Webhooks;

/// <summary>One entry of a subscription's delivery log: pending (with its next attempt), delivered or failed (given up).</summary>
public sealed record WebhookDeliveryResponse(
    long Key, string EventId, string EventType, string Status, long Attempts, long? LastStatus, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) => new(
        d.Key, d.EventId, d.EventType, d.Status, d.Attempts, d.LastStatus, d.LastError,
        DateTimeOffset.FromUnixTimeMilliseconds(d.CreatedAt),
        d.DeliveredAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
        d.Status == "pending" ? DateTimeOffset.FromUnixTimeMilliseconds(d.NextAttemptAt) : null);
}
