using System.Globalization;
using System.Text;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// One COSEM Data value (IEC 62056-6-2 §4.1.5): a number, a string, or an array or structure of values.
/// Immutable; two values are equal when their types and contents are.
/// </summary>
public sealed class DlmsData : IEquatable<DlmsData>
{
    private static readonly DlmsData[] NoItems = [];

    private readonly ulong _bits;
    private readonly byte[] _bytes;
    private readonly DlmsData[] _items;

    private DlmsData(DlmsDataType type, ulong bits = 0, byte[]? bytes = null, DlmsData[]? items = null, int bitLength = 0)
    {
        Type = type;
        _bits = bits;
        _bytes = bytes ?? [];
        _items = items ?? NoItems;
        BitLength = bitLength;
    }

    public static DlmsData Null { get; } = new(DlmsDataType.Null);

    public DlmsDataType Type { get; }

    /// <summary>Elements of an array or structure; empty for other types.</summary>
    public IReadOnlyList<DlmsData> Items => _items;

    /// <summary>Content of an octet, visible or UTF-8 string, bit string, date-time, date or time.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Bits in a bit-string (its last byte may be partly used).</summary>
    public int BitLength { get; }

    public static DlmsData Boolean(bool value) => new(DlmsDataType.Boolean, value ? 1UL : 0UL);
    public static DlmsData Int8(sbyte value) => new(DlmsDataType.Int8, (ulong)value);
    public static DlmsData Int16(short value) => new(DlmsDataType.Int16, (ulong)value);
    public static DlmsData Int32(int value) => new(DlmsDataType.Int32, (ulong)value);
    public static DlmsData Int64(long value) => new(DlmsDataType.Int64, (ulong)value);
    public static DlmsData UInt8(byte value) => new(DlmsDataType.UInt8, value);
    public static DlmsData UInt16(ushort value) => new(DlmsDataType.UInt16, value);
    public static DlmsData UInt32(uint value) => new(DlmsDataType.UInt32, value);
    public static DlmsData UInt64(ulong value) => new(DlmsDataType.UInt64, value);
    public static DlmsData Enum(byte value) => new(DlmsDataType.Enum, value);
    public static DlmsData Bcd(byte value) => new(DlmsDataType.Bcd, value);
    public static DlmsData Float32(float value) => new(DlmsDataType.Float32, BitConverter.SingleToUInt32Bits(value));
    public static DlmsData Float64(double value) => new(DlmsDataType.Float64, BitConverter.DoubleToUInt64Bits(value));
    public static DlmsData OctetString(ReadOnlySpan<byte> value) => new(DlmsDataType.OctetString, bytes: value.ToArray());
    public static DlmsData VisibleString(string value) => new(DlmsDataType.VisibleString, bytes: Encoding.ASCII.GetBytes(value));
    public static DlmsData Utf8String(string value) => new(DlmsDataType.Utf8String, bytes: Encoding.UTF8.GetBytes(value));
    public static DlmsData Array(params DlmsData[] items) => new(DlmsDataType.Array, items: [.. items]);
    public static DlmsData Structure(params DlmsData[] items) => new(DlmsDataType.Structure, items: [.. items]);
    public static DlmsData DateTime(CosemDateTime value) => new(DlmsDataType.DateTime, bytes: value.ToBytes());

    /// <summary>A date-time as most COSEM attributes carry it: an octet-string of 12 bytes (Blue Book §4.1.6.1).</summary>
    public static DlmsData DateTimeOctets(CosemDateTime value) => new(DlmsDataType.OctetString, bytes: value.ToBytes());

    public static DlmsData BitString(ReadOnlySpan<byte> bits, int bitLength) =>
        bitLength < 0 || (bitLength + 7) / 8 != bits.Length
            ? throw new ProtocolException("A bit-string needs (bits + 7) / 8 bytes")
            : new(DlmsDataType.BitString, bytes: bits.ToArray(), bitLength: bitLength);

    /// <summary>Fixed-size values read from the wire (date 5 bytes, time 4 bytes, date-time 12 bytes).</summary>
    internal static DlmsData Raw(DlmsDataType type, ReadOnlySpan<byte> bytes) => new(type, bytes: bytes.ToArray());

    internal static DlmsData Number(DlmsDataType type, ulong bits) => new(type, bits);

    internal ulong Bits => _bits;

    public bool IsInteger => Type is DlmsDataType.Int8 or DlmsDataType.Int16 or DlmsDataType.Int32 or DlmsDataType.Int64
        or DlmsDataType.UInt8 or DlmsDataType.UInt16 or DlmsDataType.UInt32 or DlmsDataType.UInt64 or DlmsDataType.Enum
        or DlmsDataType.Boolean or DlmsDataType.Bcd;

    public bool IsFloat => Type is DlmsDataType.Float32 or DlmsDataType.Float64 or DlmsDataType.FloatingPoint;

    public bool IsNumber => IsInteger || IsFloat;

    /// <summary>The value of an integer type, sign-extended for the signed ones.</summary>
    public long ToInt64() => Type switch
    {
        DlmsDataType.Int8 => (sbyte)_bits,
        DlmsDataType.Int16 => (short)_bits,
        DlmsDataType.Int32 => (int)_bits,
        DlmsDataType.Int64 or DlmsDataType.UInt64 => (long)_bits,
        _ when IsInteger => (long)_bits,
        _ => throw new ProtocolException($"{Type} is not an integer"),
    };

    public ulong ToUInt64() => IsInteger ? _bits : throw new ProtocolException($"{Type} is not an integer");

    public bool ToBoolean() => Type == DlmsDataType.Boolean ? _bits != 0 : throw new ProtocolException($"{Type} is not a boolean");

    public double ToDouble() => Type switch
    {
        DlmsDataType.Float32 or DlmsDataType.FloatingPoint => BitConverter.UInt32BitsToSingle((uint)_bits),
        DlmsDataType.Float64 => BitConverter.UInt64BitsToDouble(_bits),
        DlmsDataType.UInt64 => _bits,
        _ => ToInt64(),
    };

    /// <summary>A number as decimal: integers exactly, floats to their significant digits; null for NaN or ±∞.</summary>
    public decimal? ToDecimal()
    {
        if (Type == DlmsDataType.UInt64)
        {
            return _bits;
        }
        if (IsInteger)
        {
            return ToInt64();
        }
        if (!IsFloat)
        {
            throw new ProtocolException($"{Type} is not a number");
        }
        var value = ToDouble();
        if (!double.IsFinite(value) || Math.Abs(value) > 7.9e27)
        {
            return null;
        }
        // float32 carries about 7 significant digits: round there so 230.1f reads 230.1, not 230.100006.
        return Type == DlmsDataType.Float64 ? (decimal)value : decimal.Parse(((float)value).ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public string ToText() => Type switch
    {
        DlmsDataType.VisibleString or DlmsDataType.OctetString => Encoding.ASCII.GetString(_bytes),
        DlmsDataType.Utf8String => Encoding.UTF8.GetString(_bytes),
        _ => throw new ProtocolException($"{Type} is not a string"),
    };

    public bool Equals(DlmsData? other) =>
        other is not null && Type == other.Type && _bits == other._bits && BitLength == other.BitLength
        && _bytes.AsSpan().SequenceEqual(other._bytes) && _items.AsSpan().SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as DlmsData);

    public override int GetHashCode() => HashCode.Combine(Type, _bits, _bytes.Length, _items.Length);

    public override string ToString() => Type switch
    {
        DlmsDataType.Null => "null",
        DlmsDataType.Array or DlmsDataType.Structure => $"{Type}[{string.Join(", ", _items.Select(i => i.ToString()))}]",
        DlmsDataType.VisibleString or DlmsDataType.Utf8String => $"\"{ToText()}\"",
        _ when IsNumber => $"{Type}({ToDouble().ToString(CultureInfo.InvariantCulture)})",
        _ => $"{Type}({Convert.ToHexString(_bytes)})",
    };
}
