namespace GridMeter.Gateway.Configuration;

/// <summary>
/// The gateway's configuration file (CONTRACT section 5). Fields beyond the contract's are optional
/// and have defaults that suit a real installation: register snapshots every quarter-hour, archive
/// rows every minute.
/// </summary>
public sealed class GatewayConfig
{
    public string Id { get; set; } = "";

    public string Secret { get; set; } = "";

    public string Broker { get; set; } = "mqtt://127.0.0.1:1883";

    public string DataDir { get; set; } = "./gateway-data";

    public string Urls { get; set; } = "http://127.0.0.1:8090";

    public List<MeterConfig> Meters { get; set; } = [];

    /// <summary>Seconds between register snapshots (readings); 900 = every quarter-hour boundary.</summary>
    public int RegisterSeconds { get; set; } = 900;

    /// <summary>Seconds between archive rows.</summary>
    public int ArchiveSeconds { get; set; } = 60;

    /// <summary>A meter clock further off than this raises a clock_out_of_sync event.</summary>
    public int ClockToleranceSeconds { get; set; } = 30;

    /// <summary>Longest wait between attempts to reach the broker.</summary>
    public int UplinkRetrySeconds { get; set; } = 30;

    /// <summary>The local time zone of the site: meter clocks without an offset, the archive's days, today's profile.</summary>
    public string TimeZone { get; set; } = "UTC";
}
