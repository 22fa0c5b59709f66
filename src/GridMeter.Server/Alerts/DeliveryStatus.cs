namespace GridMeter.Server.Alerts;

/// <summary>Where a delivery stands: waiting, held back by quiet hours, retrying after a failure, done, or given up.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Deferred = "deferred";
    public const string Retrying = "retrying";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
