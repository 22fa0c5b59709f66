using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// A-XDR encoding of COSEM Data (IEC 61334-6, IEC 62056-6-2 §4.1.5): a tag byte, then the value; arrays
/// and structures carry their element count, strings their length.
/// </summary>
public static class DlmsDataCodec
{
    /// <summary>Nesting deeper than this is refused: COSEM data is a few levels deep, attackers go deeper.</summary>
    public const int MaxDepth = 16;

    public static void Encode(DlmsData value, IBufferWriter<byte> output)
    {
        AxdrWriter.Byte(output, (byte)value.Type);
        switch (value.Type)
        {
            case DlmsDataType.Null:
                break;
            case DlmsDataType.Array or DlmsDataType.Structure:
                AxdrWriter.Length(output, value.Items.Count);
                foreach (var item in value.Items)
                {
                    Encode(item, output);
                }
                break;
            case DlmsDataType.OctetString or DlmsDataType.VisibleString or DlmsDataType.Utf8String:
                AxdrWriter.Length(output, value.Bytes.Length);
                AxdrWriter.Bytes(output, value.Bytes);
                break;
            case DlmsDataType.BitString:
                AxdrWriter.Length(output, value.BitLength);
                AxdrWriter.Bytes(output, value.Bytes);
                break;
            case DlmsDataType.DateTime or DlmsDataType.Date or DlmsDataType.Time:
                AxdrWriter.Bytes(output, value.Bytes);
                break;
            default:
                EncodeNumber(value, output);
                break;
        }
    }

    public static byte[] ToArray(DlmsData value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static DecodeResult<DlmsData> TryDecode(ReadOnlySpan<byte> input)
    {
        var reader = new AxdrReader(input);
        var error = TryRead(ref reader, 0, out var value);
        return error is { } e ? e : new DecodeResult<DlmsData>(value!, reader.Position);
    }

    internal static ProtocolError? TryRead(ref AxdrReader reader, int depth, out DlmsData? value)
    {
        value = null;
        if (depth > MaxDepth)
        {
            return ProtocolError.Malformed($"Data nested deeper than {MaxDepth} levels");
        }
        if (!reader.TryByte(out var tag))
        {
            return ProtocolError.Incomplete("No data tag");
        }
        var type = (DlmsDataType)tag;
        switch (type)
        {
            case DlmsDataType.Null:
                value = DlmsData.Null;
                return null;
            case DlmsDataType.Array or DlmsDataType.Structure:
                return TryReadItems(ref reader, type, depth, out value);
            case DlmsDataType.OctetString or DlmsDataType.VisibleString or DlmsDataType.Utf8String:
                if (!reader.TryLength(out var length) || !reader.TryBytes(length, out var text))
                {
                    return ProtocolError.Malformed($"{type} longer than the data");
                }
                value = DlmsData.Raw(type, text);
                return null;
            case DlmsDataType.BitString:
                if (!reader.TryLength(out var bits) || !reader.TryBytes((bits + 7) / 8, out var bitBytes))
                {
                    return ProtocolError.Malformed("Bit-string longer than the data");
                }
                value = DlmsData.BitString(bitBytes, bits);
                return null;
            default:
                return TryReadFixed(ref reader, type, tag, out value);
        }
    }

    private static ProtocolError? TryReadItems(ref AxdrReader reader, DlmsDataType type, int depth, out DlmsData? value)
    {
        value = null;
        // Every element takes at least one byte, so a count beyond the remaining bytes is a lie.
        if (!reader.TryLength(out var count) || count > reader.Remaining)
        {
            return ProtocolError.Malformed($"{type} count beyond the data");
        }
        var items = new DlmsData[count];
        for (var i = 0; i < count; i++)
        {
            if (TryRead(ref reader, depth + 1, out var item) is { } error)
            {
                return error.Kind == ProtocolErrorKind.Incomplete ? ProtocolError.Malformed($"{type} element {i} missing") : error;
            }
            items[i] = item!;
        }
        value = type == DlmsDataType.Array ? DlmsData.Array(items) : DlmsData.Structure(items);
        return null;
    }

    private static ProtocolError? TryReadFixed(ref AxdrReader reader, DlmsDataType type, byte tag, out DlmsData? value)
    {
        value = null;
        var size = SizeOf(type);
        if (size == 0)
        {
            return ProtocolError.Unsupported($"Data tag {tag} is not supported");
        }
        if (!reader.TryBytes(size, out var bytes))
        {
            return ProtocolError.Malformed($"{type} needs {size} bytes");
        }
        if (type is DlmsDataType.DateTime or DlmsDataType.Date or DlmsDataType.Time)
        {
            value = DlmsData.Raw(type, bytes);
            return null;
        }
        ulong bits = 0;
        foreach (var b in bytes)
        {
            bits = (bits << 8) | b;
        }
        value = DlmsData.Number(type, SignExtend(type, bits));
        return null;
    }

    private static ulong SignExtend(DlmsDataType type, ulong bits) => type switch
    {
        // A-XDR (IEC 61334-6): any non-zero octet is TRUE; GridMeter writes 0x01.
        DlmsDataType.Boolean => bits != 0 ? 1UL : 0UL,
        DlmsDataType.Int8 => (ulong)(sbyte)bits,
        DlmsDataType.Int16 => (ulong)(short)bits,
        DlmsDataType.Int32 => (ulong)(int)bits,
        _ => bits,
    };

    private static int SizeOf(DlmsDataType type) => type switch
    {
        DlmsDataType.Boolean or DlmsDataType.Int8 or DlmsDataType.UInt8 or DlmsDataType.Enum or DlmsDataType.Bcd => 1,
        DlmsDataType.Int16 or DlmsDataType.UInt16 => 2,
        DlmsDataType.Int32 or DlmsDataType.UInt32 or DlmsDataType.Float32 or DlmsDataType.FloatingPoint or DlmsDataType.Time => 4,
        DlmsDataType.Int64 or DlmsDataType.UInt64 or DlmsDataType.Float64 => 8,
        DlmsDataType.Date => 5,
        DlmsDataType.DateTime => 12,
        _ => 0,
    };

    private static void EncodeNumber(DlmsData value, IBufferWriter<byte> output)
    {
        var size = SizeOf(value.Type);
        var bits = value.Bits;
        for (var shift = (size - 1) * 8; shift >= 0; shift -= 8)
        {
            AxdrWriter.Byte(output, (byte)(bits >> shift));
        }
    }
}
