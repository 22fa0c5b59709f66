namespace GridMeter.Gateway.Local;

/// <summary>The latest schedule and price feed received from the head-end (retained there, so they come back on reconnect).</summary>
public sealed class SiteNotices
{
    public HourlySchedule? Schedule { get; set; }

    public PriceFeed? Prices { get; set; }
}
