namespace GridMeter.Simulator.Meters;

/// <summary>Whole Wh to and from register values in kWh, exactly, always with three decimals.</summary>
internal static class Kwh
{
    public static decimal FromWh(long wh) =>
        new((int)(wh & 0xFFFFFFFF), (int)(wh >> 32), 0, isNegative: false, scale: 3);

    public static long ToWh(decimal kwh, string name)
    {
        var wh = kwh * 1000m;
        if (kwh < 0 || wh != decimal.Truncate(wh))
        {
            throw new ArgumentOutOfRangeException(name, kwh, "A register value is a non-negative number of whole Wh.");
        }
        return (long)wh;
    }
}
