using System.Buffers;
using System.Buffers.Binary;

namespace GridMeter.Protocols.Dlms;

/// <summary>Big-endian writes into an <see cref="IBufferWriter{T}"/>, the counterpart of <see cref="AxdrReader"/>.</summary>
internal static class AxdrWriter
{
    public static void Byte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public static void UInt16(IBufferWriter<byte> output, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    public static void UInt32(IBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public static void UInt64(IBufferWriter<byte> output, ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public static void Bytes(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    /// <summary>A-XDR / BER length: short form below 0x80, else 0x81/0x82/0x83 and the length.</summary>
    public static void Length(IBufferWriter<byte> output, int length)
    {
        switch (length)
        {
            case < 0:
                throw new ProtocolException("A length cannot be negative");
            case < 0x80:
                Byte(output, (byte)length);
                break;
            case <= 0xFF:
                Byte(output, 0x81);
                Byte(output, (byte)length);
                break;
            case <= 0xFFFF:
                Byte(output, 0x82);
                UInt16(output, (ushort)length);
                break;
            case <= 0xFFFFFF:
                Byte(output, 0x83);
                Byte(output, (byte)(length >> 16));
                UInt16(output, (ushort)length);
                break;
            default:
                throw new ProtocolException("Lengths above 16 MiB are not supported");
        }
    }
}
