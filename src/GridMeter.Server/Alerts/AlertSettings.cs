using NodaTime;

namespace GridMeter.Server.Alerts;

/// <summary>Checked alert settings, ready to store.</summary>
public sealed record AlertSettings(
    DateTimeZone Zone, LocalTime? QuietFrom, LocalTime? QuietTo, string? WebhookUrl, string? WebhookSecret,
    IReadOnlyList<(string Type, string Channel, bool Enabled)> Preferences, IReadOnlyList<(long MeterKey, string MeterId, long DailyWh)> Thresholds);
