namespace GridMeter.Server.Webhooks;

/// <summary>A page of the delivery log, newest first; ask for the next with before = the last key.</summary>
public sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliveryResponse> Items);
