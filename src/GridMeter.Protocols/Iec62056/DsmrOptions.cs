namespace GridMeter.Protocols.Iec62056;

/// <summary>How to read a meter's telegrams: its time zone, and whether a missing CRC is an error.</summary>
/// <param name="Zone">The offsets behind the S/W timestamp letters (Ireland differs from the continent).</param>
/// <param name="RequireChecksum">
/// Refuse telegrams without a CRC. DSMR 2.2/3 and the German EasyMeter send none, so it is off by default;
/// a telegram that has a CRC is always checked.
/// </param>
public sealed record DsmrOptions(DsmrTimeZone Zone, bool RequireChecksum = false)
{
    public static readonly DsmrOptions Default = new(DsmrTimeZone.CentralEurope);
}
