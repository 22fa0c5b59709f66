namespace GridMeter.Server.Alerts;

/// <summary>
/// PUT /api/v1/me/alert-settings: replaces the caller's settings. A null webhookSecret keeps the
/// stored one; a null webhookUrl removes the webhook.
/// </summary>
public sealed record AlertSettingsRequest(
    string? TimeZone, QuietHoursDocument? QuietHours, string? WebhookUrl, string? WebhookSecret,
    IReadOnlyList<PreferenceDocument>? Preferences, IReadOnlyList<ThresholdDocument>? Thresholds);
