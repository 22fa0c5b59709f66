using Dapper;
using GridMeter.Domain.Alerts;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Alerts;

/// <summary>Stores each person's quiet hours, time zone, webhook, channel choices and thresholds.</summary>
public sealed class AlertSettingsStore(IDatabase database)
{
    public async Task<AlertSettingsResponse> GetAsync(long userKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var settings = await connection.QuerySingleOrDefaultAsync<(string TimeZone, long? QuietFrom, long? QuietTo, string? WebhookUrl, string? Secret)>(new CommandDefinition(
            "SELECT time_zone, quiet_from, quiet_to, webhook_url, webhook_secret FROM alert_settings WHERE user_key = @userKey",
            new { userKey }, cancellationToken: cancellationToken));
        var zone = settings.TimeZone ?? await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT m.time_zone FROM user_meters um JOIN meters m ON m.key = um.meter_key WHERE um.user_key = @userKey ORDER BY m.key LIMIT 1",
            new { userKey }, cancellationToken: cancellationToken)) ?? "UTC";
        var preferences = await connection.QueryAsync<(string Type, string Channel, long Enabled)>(new CommandDefinition(
            "SELECT alert_type, channel, enabled FROM alert_preferences WHERE user_key = @userKey ORDER BY alert_type, channel",
            new { userKey }, cancellationToken: cancellationToken));
        var thresholds = await connection.QueryAsync<(string MeterId, long DailyWh)>(new CommandDefinition(
            "SELECT m.id, t.daily_wh FROM alert_thresholds t JOIN meters m ON m.key = t.meter_key WHERE t.user_key = @userKey ORDER BY m.id",
            new { userKey }, cancellationToken: cancellationToken));
        return new AlertSettingsResponse(
            zone,
            settings.QuietFrom is { } from && settings.QuietTo is { } to ? new QuietHoursDocument(Time(from), Time(to)) : null,
            settings.WebhookUrl,
            settings.Secret is not null,
            [.. preferences.Select(p => new PreferenceDocument(p.Type, p.Channel, p.Enabled != 0))],
            [.. thresholds.Select(t => new ThresholdDocument(t.MeterId, t.DailyWh / 1000m))],
            AlertType.All);
    }

    public async Task SaveAsync(long userKey, AlertSettings settings, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_settings (user_key, time_zone, quiet_from, quiet_to, webhook_url, webhook_secret, updated_at)
            VALUES (@userKey, @zone, @from, @to, @url, @secret, @now)
            ON CONFLICT (user_key) DO UPDATE SET time_zone = excluded.time_zone, quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to,
                webhook_url = excluded.webhook_url,
                webhook_secret = CASE WHEN excluded.webhook_url IS NULL THEN NULL ELSE COALESCE(excluded.webhook_secret, alert_settings.webhook_secret) END,
                updated_at = excluded.updated_at
            """,
            new
            {
                userKey, zone = settings.Zone.Id, from = Minutes(settings.QuietFrom), to = Minutes(settings.QuietTo),
                url = settings.WebhookUrl, secret = settings.WebhookSecret, now,
            },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM alert_preferences WHERE user_key = @userKey", new { userKey }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_preferences (user_key, alert_type, channel, enabled) VALUES (@userKey, @Type, @Channel, @enabled)",
            settings.Preferences.Select(p => new { userKey, p.Type, p.Channel, enabled = p.Enabled ? 1 : 0 }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM alert_thresholds WHERE user_key = @userKey", new { userKey }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_thresholds (user_key, meter_key, daily_wh) VALUES (@userKey, @MeterKey, @DailyWh)",
            settings.Thresholds.Select(t => new { userKey, t.MeterKey, t.DailyWh }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private static long? Minutes(LocalTime? time) => time is { } t ? (t.Hour * 60) + t.Minute : null;

    private static string Time(long minutes) => $"{minutes / 60:00}:{minutes % 60:00}";
}
