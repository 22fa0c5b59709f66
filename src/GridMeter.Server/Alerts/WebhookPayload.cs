namespace GridMeter.Server.Alerts;

/// <summary>The body of a webhook call.</summary>
public sealed record WebhookPayload(string Id, string Type, string? MeterId, DateTimeOffset RaisedAt, string Message);
