namespace GridMeter.Protocols.Dlms;

/// <summary>
/// The 12-byte COSEM date-time (Blue Book §4.1.6.1): year (2 bytes), month, day, day of week, hour, minute,
/// second, hundredths, deviation (2 bytes, minutes) and clock status. 0xFF (0xFFFF for the year) means
/// "not specified"; deviation 0x8000 likewise. The deviation is UTC minus local time: CEST is −120.
/// </summary>
public readonly record struct CosemDateTime(
    ushort Year, byte Month, byte Day, byte DayOfWeek, byte Hour, byte Minute, byte Second, byte Hundredths,
    short Deviation, ClockStatus Status)
{
    public const short DeviationNotSpecified = unchecked((short)0x8000);

    /// <summary>An instant written as a meter in its zone writes it; DST sets the status bit 7.</summary>
    public static CosemDateTime From(DateTimeOffset at, bool daylightSaving = false)
    {
        var dow = at.DayOfWeek == System.DayOfWeek.Sunday ? 7 : (int)at.DayOfWeek;
        return new CosemDateTime(
            (ushort)at.Year, (byte)at.Month, (byte)at.Day, (byte)dow, (byte)at.Hour, (byte)at.Minute, (byte)at.Second,
            (byte)(at.Millisecond / 10), (short)-at.Offset.TotalMinutes, daylightSaving ? ClockStatus.DaylightSavingActive : ClockStatus.None);
    }

    /// <summary>The instant, when every field it needs is specified and valid.</summary>
    public DateTimeOffset? ToDateTimeOffset()
    {
        if (Year is < 2 or > 9998 || Month is 0 or > 12 || Day == 0 || Day > 31 || Hour > 23 || Minute > 59 || Second > 59
            || Deviation == DeviationNotSpecified || Deviation is < -840 or > 840 || Day > System.DateTime.DaysInMonth(Year, Month))
        {
            return null;
        }
        var hundredths = Hundredths > 99 ? 0 : Hundredths;
        return new DateTimeOffset(Year, Month, Day, Hour, Minute, Second, hundredths * 10, TimeSpan.FromMinutes(-Deviation));
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[12];
        Write(bytes);
        return bytes;
    }

    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)(Year >> 8);
        destination[1] = (byte)Year;
        destination[2] = Month;
        destination[3] = Day;
        destination[4] = DayOfWeek;
        destination[5] = Hour;
        destination[6] = Minute;
        destination[7] = Second;
        destination[8] = Hundredths;
        destination[9] = (byte)((ushort)Deviation >> 8);
        destination[10] = (byte)Deviation;
        destination[11] = (byte)Status;
    }

    public static DecodeResult<CosemDateTime> TryRead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 12)
        {
            return ProtocolError.Malformed($"A date-time is 12 bytes, not {bytes.Length}");
        }
        var value = new CosemDateTime(
            (ushort)((bytes[0] << 8) | bytes[1]), bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
            (short)((bytes[9] << 8) | bytes[10]), (ClockStatus)bytes[11]);
        return new DecodeResult<CosemDateTime>(value, 12);
    }

    /// <summary>A date-time attribute as COSEM carries it: an octet-string of 12, or the date-time type.</summary>
    public static DecodeResult<CosemDateTime> TryRead(DlmsData data) =>
        data.Type is DlmsDataType.OctetString or DlmsDataType.DateTime
            ? TryRead(data.Bytes)
            : ProtocolError.Malformed($"A date-time is an octet-string, not {data.Type}");
}
