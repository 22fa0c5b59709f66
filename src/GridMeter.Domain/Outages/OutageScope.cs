namespace GridMeter.Domain.Outages;

/// <summary>
/// One premises without supply, or part of the network: when several meters on one feeder go
/// down close together, the cause is upstream of them all and they form one network outage.
/// </summary>
public static class OutageScope
{
    public const string Premises = "premises";
    public const string Network = "network";

    /// <summary>
    /// True when <paramref name="metersDown"/> meters of one feeder, down within the correlation
    /// window, make a network outage rather than that many premises outages.
    /// </summary>
    public static bool IsNetwork(int metersDown, int threshold) => metersDown >= threshold;
}
