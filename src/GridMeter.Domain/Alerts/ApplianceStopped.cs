namespace GridMeter.Domain.Alerts;

/// <summary>
/// An appliance has stopped when it drew nothing over the idle window although it drew energy in
/// the week before, and nobody switched it off (its plug does not report "off"). Without readings
/// in the window nothing is decided: a silent plug is offline, not a stopped appliance.
/// </summary>
public static class ApplianceStopped
{
    public static bool IsStopped(long? windowWh, long? weekBeforeWh, string? state) =>
        state != "off" && windowWh == 0 && weekBeforeWh > 0;
}
