namespace GridMeter.Server.Webhooks;

/// <summary>The delivery log of a subscription, newest first.</summary>
public sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliveryResponse> Items);
