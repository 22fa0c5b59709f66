namespace GridMeter.Protocols.Dlms;

/// <summary>
/// Clock (class 8, Blue Book §4.5.1), logical name 0-0:1.0.0: attribute 2 is the time as a 12-byte
/// date-time, attribute 3 the time zone (minutes from UTC, same sign as the deviation), 4 the status.
/// </summary>
public static class CosemClock
{
    public const ushort ClassId = 8;
    public const sbyte TimeAttribute = 2;

    public static CosemAttribute Time { get; } = new(ClassId, Obis.Clock, TimeAttribute);

    /// <summary>The meter time read from attribute 2; null instant when the meter leaves fields unspecified.</summary>
    public static DecodeResult<CosemDateTime> ReadTime(DlmsData data) => CosemDateTime.TryRead(data);

    /// <summary>Attribute 2 as a virtual meter sends it: an octet-string of 12.</summary>
    public static DlmsData TimeData(DateTimeOffset now, bool daylightSaving) => DlmsData.DateTimeOctets(CosemDateTime.From(now, daylightSaving));
}
