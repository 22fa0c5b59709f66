using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Alerts;

/// <summary>GridMeter:Sms — the HTTP gateway that sends SMS: a JSON POST {"to":"…","text":"…"} (CONTRACT section 1). No URL: no SMS.</summary>
public sealed class SmsOptions
{
    public const string Section = "GridMeter:Sms";

    [Url]
    public string? GatewayUrl { get; set; }

    /// <summary>Sent as the Authorization header when set (e.g. "Bearer …").</summary>
    public string? Authorization { get; set; }

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}
