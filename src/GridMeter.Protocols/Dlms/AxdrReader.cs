using System.Buffers.Binary;

namespace GridMeter.Protocols.Dlms;

/// <summary>Bounds-checked big-endian reads over an APDU: every read says whether the bytes were there.</summary>
internal ref struct AxdrReader
{
    private readonly ReadOnlySpan<byte> _data;

    public AxdrReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public bool TryByte(out byte value)
    {
        value = 0;
        if (Remaining < 1)
        {
            return false;
        }
        value = _data[Position++];
        return true;
    }

    public bool TryUInt16(out ushort value)
    {
        value = 0;
        if (!TryBytes(2, out var bytes))
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        return true;
    }

    public bool TryUInt32(out uint value)
    {
        value = 0;
        if (!TryBytes(4, out var bytes))
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return true;
    }

    public bool TryUInt64(out ulong value)
    {
        value = 0;
        if (!TryBytes(8, out var bytes))
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        return true;
    }

    public bool TryBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (count < 0 || Remaining < count)
        {
            return false;
        }
        bytes = _data.Slice(Position, count);
        Position += count;
        return true;
    }

    /// <summary>
    /// A-XDR / BER length (IEC 61334-6 §5): one byte below 0x80, else 0x8N and N big-endian bytes.
    /// Lengths beyond the remaining input are refused here, before anything is allocated for them.
    /// </summary>
    public bool TryLength(out int length)
    {
        length = 0;
        if (!TryByte(out var first))
        {
            return false;
        }
        if (first < 0x80)
        {
            length = first;
            return true;
        }
        var count = first & 0x7F;
        if (count is 0 or > 3 || !TryBytes(count, out var bytes))
        {
            return false;
        }
        foreach (var b in bytes)
        {
            length = (length << 8) | b;
        }
        return true;
    }
}
