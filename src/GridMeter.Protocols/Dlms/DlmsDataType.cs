namespace GridMeter.Protocols.Dlms;

/// <summary>The tags of the COSEM Data CHOICE (IEC 62056-6-2 §4.1.5, Blue Book table 2) this codec handles.</summary>
public enum DlmsDataType : byte
{
    Null = 0,
    Array = 1,
    Structure = 2,
    Boolean = 3,
    BitString = 4,
    Int32 = 5,
    UInt32 = 6,

    /// <summary>The legacy 4-byte floating-point of older meters; read as <see cref="Float32"/>.</summary>
    FloatingPoint = 7,
    OctetString = 9,
    VisibleString = 10,
    Utf8String = 12,
    Bcd = 13,
    Int8 = 15,
    Int16 = 16,
    UInt8 = 17,
    UInt16 = 18,
    Int64 = 20,
    UInt64 = 21,
    Enum = 22,
    Float32 = 23,
    Float64 = 24,
    DateTime = 25,
    Date = 26,
    Time = 27,
}
