using System.Buffers;
using System.Buffers.Binary;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// The DLMS/COSEM TCP-UDP wrapper (IEC 62056-47 §5.2, Green Book §7.3.3.2): version 0x0001, source and
/// destination wPort (the client and server SAPs), payload length, then the APDU. Port 4059 by IANA.
/// </summary>
public sealed record WrapperFrame(ushort Source, ushort Destination, ReadOnlyMemory<byte> Apdu)
{
    public const ushort Version = 1;
    public const int HeaderLength = 8;

    public void Encode(IBufferWriter<byte> output)
    {
        if (Apdu.Length > ushort.MaxValue)
        {
            throw new ProtocolException("A wrapper frame carries at most 65535 bytes");
        }
        var span = output.GetSpan(HeaderLength + Apdu.Length);
        BinaryPrimitives.WriteUInt16BigEndian(span, Version);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], Source);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], Destination);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)Apdu.Length);
        Apdu.Span.CopyTo(span[HeaderLength..]);
        output.Advance(HeaderLength + Apdu.Length);
    }

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static DecodeResult<WrapperFrame> TryDecode(ReadOnlySpan<byte> input)
    {
        if (input.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(input) != Version)
        {
            return ProtocolError.Unsupported($"Wrapper version {BinaryPrimitives.ReadUInt16BigEndian(input)}; only 1 exists");
        }
        if (input.Length < HeaderLength)
        {
            return ProtocolError.Incomplete("Wrapper header not complete");
        }
        var length = BinaryPrimitives.ReadUInt16BigEndian(input[6..]);
        if (input.Length < HeaderLength + length)
        {
            return ProtocolError.Incomplete($"Wrapper payload of {length} bytes not complete");
        }
        var frame = new WrapperFrame(
            BinaryPrimitives.ReadUInt16BigEndian(input[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(input[4..]),
            input.Slice(HeaderLength, length).ToArray());
        return new DecodeResult<WrapperFrame>(frame, HeaderLength + length);
    }
}
