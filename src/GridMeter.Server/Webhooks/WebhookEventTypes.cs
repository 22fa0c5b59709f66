namespace GridMeter.Server.Webhooks;

/// <summary>The event types integrators may subscribe to.</summary>
public static class WebhookEventTypes
{
    /// <summary>New readings of a meter (or an appliance behind it) were committed.</summary>
    public const string ReadingsCommitted = "readings.committed";

    public const string AlertRaised = "alert.raised";

    public const string CommandStatusChanged = "command.status_changed";

    public const string OutageOpened = "outage.opened";

    public const string OutageClosed = "outage.closed";

    public static readonly IReadOnlyList<string> All = [ReadingsCommitted, AlertRaised, CommandStatusChanged, OutageOpened, OutageClosed];
}
