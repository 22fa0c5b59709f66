namespace GridMeter.Server.Alerts;

/// <summary>The caller's alert settings; the webhook secret is never shown, only whether one is set.</summary>
public sealed record AlertSettingsResponse(
    string TimeZone, QuietHoursDocument? QuietHours, string? WebhookUrl, bool WebhookSecretSet,
    IReadOnlyList<PreferenceDocument> Preferences, IReadOnlyList<ThresholdDocument> Thresholds, IReadOnlyList<string> AlertTypes);
