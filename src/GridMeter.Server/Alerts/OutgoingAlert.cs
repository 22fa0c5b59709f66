namespace GridMeter.Server.Alerts;

/// <summary>An alert on its way to one person over one channel, with where that person can be reached.</summary>
public sealed record OutgoingAlert(
    string AlertId, string Type, string? MeterId, string Message, DateTimeOffset RaisedAt, string? Email, string? Mobile, string? WebhookUrl, string? WebhookSecret);
