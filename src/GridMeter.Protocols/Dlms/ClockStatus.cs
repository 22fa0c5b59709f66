namespace GridMeter.Protocols.Dlms;

/// <summary>Blue Book §4.1.6.1 clock status bits of a COSEM date-time.</summary>
[Flags]
public enum ClockStatus : byte
{
    None = 0,
    InvalidValue = 0x01,
    DoubtfulValue = 0x02,
    DifferentClockBase = 0x04,
    InvalidClockStatus = 0x08,
    DaylightSavingActive = 0x80,
    NotSpecified = 0xFF,
}
