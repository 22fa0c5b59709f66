namespace GridMeter.Server.Webhooks;

public sealed record WebhookList(IReadOnlyList<WebhookResponse> Items);
