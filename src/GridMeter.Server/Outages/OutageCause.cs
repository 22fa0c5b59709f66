namespace GridMeter.Server.Outages;

/// <summary>How GridMeter learnt that a meter lost supply.</summary>
public static class OutageCause
{
    /// <summary>The meter's last gasp: a power_down event.</summary>
    public const string PowerDown = "power_down";

    /// <summary>The broker published the meter's will ({"online":false}): its connection broke without a goodbye.</summary>
    public const string Will = "will";

    /// <summary>The meter missed several reports in a row.</summary>
    public const string MissedReports = "missed_reports";
}
