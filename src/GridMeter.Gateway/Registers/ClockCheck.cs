namespace GridMeter.Gateway.Registers;

/// <summary>
/// Whether a meter's clock has drifted: compares the time the meter states with the gateway's (itself
/// kept by NTP). A meter is reported once when it goes out of tolerance, and again only after it came
/// back, so a drifting meter does not raise an event every second.
/// </summary>
public static class ClockCheck
{
    public static (bool OutOfSync, bool Report) Decide(DateTimeOffset? meterClock, DateTimeOffset gatewayClock, TimeSpan tolerance, bool wasOutOfSync)
    {
        if (meterClock is not { } meter)
        {
            return (wasOutOfSync, false);
        }
        // Meter clocks tick in whole seconds and telegrams take time on the wire: allow one second more.
        var outOfSync = (meter - gatewayClock).Duration() > tolerance + TimeSpan.FromSeconds(1);
        return (outOfSync, outOfSync && !wasOutOfSync);
    }
}
