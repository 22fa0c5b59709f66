namespace GridMeter.Server.Alerts;

/// <summary>
/// How far an alert got on one channel: pending, deferred (quiet hours), retrying, sent, delivered
/// (inbox) or failed; with the attempts so far, when it went out, and when it is tried next.
/// </summary>
public sealed record DeliveryItem(string Channel, string Status, int Attempts, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt);
