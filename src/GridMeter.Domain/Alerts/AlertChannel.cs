namespace GridMeter.Domain.Alerts;

/// <summary>Where an alert is delivered.</summary>
public static class AlertChannel
{
    public const string Inbox = "inbox";
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> All = [Inbox, Email, Sms, Webhook];

    public static bool IsKnown(string? channel) => channel is not null && All.Contains(channel);
}
