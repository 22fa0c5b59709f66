using GridMeter.Domain.Alerts;
using GridMeter.Domain.Meters;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Server.Alerts;

/// <summary>Checks PUT /api/v1/me/alert-settings field by field, before anything touches the database.</summary>
public static class AlertSettingsValidation
{
    public const int MaxPreferences = 100;
    public const int MaxThresholds = 50;

    public static async Task<AlertSettings?> CheckAsync(
        AlertSettingsRequest request, Caller caller, MeterDirectory meters, bool allowHttpWebhooks, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var zone = request.TimeZone is { Length: <= 64 } id && IsPlain(id) ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null;
        if (zone is null)
        {
            errors["timeZone"] = ["required: an IANA time zone such as Europe/Rome"];
        }
        LocalTime? from = null, to = null;
        if (request.QuietHours is { } quiet)
        {
            from = ParseTime(quiet.From);
            to = ParseTime(quiet.To);
            if (from is null || to is null)
            {
                errors["quietHours"] = ["from and to as local times HH:mm"];
            }
        }
        var url = CheckWebhook(request, allowHttpWebhooks, errors);
        var preferences = new List<(string, string, bool)>();
        var choices = request.Preferences ?? [];
        if (choices.Count > MaxPreferences || choices.Any(p => !AlertType.IsKnown(p?.Type) || !AlertChannel.IsKnown(p!.Channel) || p.Enabled is null))
        {
            errors["preferences"] = [$"at most {MaxPreferences} of {{type, channel, enabled}}; types: {string.Join(", ", AlertType.All)}; channels: {string.Join(", ", AlertChannel.All)}"];
        }
        else
        {
            preferences.AddRange(choices.DistinctBy(p => (p.Type, p.Channel)).Select(p => (p.Type!, p.Channel!, p.Enabled!.Value)));
        }
        var thresholds = new List<(long, string, long)>();
        var limits = request.Thresholds ?? [];
        if (limits.Count > MaxThresholds || limits.Any(t => t is null || !MeterId.IsValid(t.MeterId) || t.DailyKwh is not (> 0 and <= 1_000_000)))
        {
            errors["thresholds"] = [$"at most {MaxThresholds} of {{meterId, dailyKwh}}, dailyKwh above 0 and at most 1000000"];
        }
        else
        {
            foreach (var limit in limits.DistinctBy(t => t.MeterId))
            {
                var meter = await meters.FindVisibleAsync(limit.MeterId!, caller, cancellationToken);
                if (meter is null)
                {
                    errors["thresholds"] = [$"no meter '{limit.MeterId}'"];
                    break;
                }
                thresholds.Add((meter.Key, meter.Id, (long)Math.Round(limit.DailyKwh!.Value * 1000m)));
            }
        }
        return errors.Count > 0 ? null : new AlertSettings(zone!, from, to, url, request.WebhookSecret, preferences, thresholds);
    }

    private static string? CheckWebhook(AlertSettingsRequest request, bool allowHttp, Dictionary<string, string[]> errors)
    {
        // A secret is a token (hex, base64url …), so it travels in configuration files and headers unchanged.
        if (request.WebhookSecret is { } secret && (secret.Length is < 16 or > 200 || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')))
        {
            errors["webhookSecret"] = ["16 to 200 characters A-Z, a-z, 0-9, '-', '_', '.', '~'"];
        }
        if (request.WebhookUrl is null)
        {
            return null;
        }
        if (request.WebhookUrl.Length > 500 || !IsPlain(request.WebhookUrl)
            || !Uri.TryCreate(request.WebhookUrl, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp)) || uri.UserInfo.Length > 0)
        {
            errors["webhookUrl"] = [allowHttp ? "an absolute http(s) URL of at most 500 characters" : "an absolute https URL of at most 500 characters"];
            return null;
        }
        return uri.AbsoluteUri;
    }

    private static LocalTime? ParseTime(string? text) =>
        text is { Length: 5 } && LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text) is { Success: true } result ? result.Value : null;

    /// <summary>No control characters (a NUL breaks PostgreSQL), no lone surrogates.</summary>
    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }
        return !string.IsNullOrWhiteSpace(text);
    }
}
