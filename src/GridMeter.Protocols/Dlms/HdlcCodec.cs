using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// HDLC frame format type 3 (IEC 62056-46 §6.4.1): flag 0x7E, a 2-byte format field (type 0xA, segmentation
/// bit, 11-bit length), destination and source addresses, control, HCS when an information field follows,
/// the information, FCS, flag. HCS and FCS are CRC-16/X.25, sent low byte first; the length counts every
/// byte between the flags.
/// </summary>
public static class HdlcCodec
{
    public const byte Flag = 0x7E;

    /// <summary>The longest frame the 11-bit length field can describe.</summary>
    public const int MaxFrameLength = 0x7FF;

    public static void Encode(HdlcFrame frame, IBufferWriter<byte> output)
    {
        var info = frame.Information.Span;
        var header = 2 + frame.Destination.Size + frame.Source.Size + 1;
        var length = header + (info.IsEmpty ? 0 : 2 + info.Length) + 2;
        if (length > MaxFrameLength)
        {
            throw new ProtocolException($"An HDLC frame holds at most {MaxFrameLength} bytes; segment the APDU");
        }
        var span = output.GetSpan(length + 2);
        span[0] = Flag;
        span[1] = (byte)(0xA0 | (frame.Segmented ? 0x08 : 0) | (length >> 8));
        span[2] = (byte)length;
        frame.Destination.Write(span[3..]);
        frame.Source.Write(span[(3 + frame.Destination.Size)..]);
        span[header] = frame.Control;
        var at = header + 1;
        if (!info.IsEmpty)
        {
            WriteCrc(span[at..], Crc16.X25(span[1..at]));
            info.CopyTo(span[(at + 2)..]);
            at += 2 + info.Length;
        }
        WriteCrc(span[at..], Crc16.X25(span[1..at]));
        span[at + 2] = Flag;
        output.Advance(length + 2);
    }

    public static byte[] ToArray(HdlcFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(frame, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads the frame at the start of <paramref name="input"/>. Leading flags are skipped (frames may share
    /// one); <see cref="DecodeResult{T}.Consumed"/> includes the closing flag.
    /// </summary>
    public static DecodeResult<HdlcFrame> TryDecode(ReadOnlySpan<byte> input)
    {
        var start = 0;
        while (start + 1 < input.Length && input[start] == Flag && input[start + 1] == Flag)
        {
            start++;
        }
        if (input.Length - start < 3)
        {
            return input.IsEmpty || input[start] == Flag ? ProtocolError.Incomplete("HDLC frame header not complete")
                : ProtocolError.Malformed("An HDLC frame starts with flag 0x7E");
        }
        if (input[start] != Flag || (input[start + 1] & 0xF0) != 0xA0)
        {
            return ProtocolError.Malformed("Not an HDLC frame format type 3 (7E Ax …)");
        }
        var length = ((input[start + 1] & 0x07) << 8) | input[start + 2];
        if (length < 7)
        {
            return ProtocolError.Malformed($"HDLC frame length {length} is shorter than a header");
        }
        if (input.Length - start < length + 2)
        {
            return ProtocolError.Incomplete($"HDLC frame of {length} bytes not complete");
        }
        var body = input.Slice(start + 1, length);
        if (input[start + length + 1] != Flag)
        {
            return ProtocolError.Malformed("The HDLC frame does not end with flag 0x7E");
        }
        var frame = ReadBody(body, out var error);
        return frame is null ? error : new DecodeResult<HdlcFrame>(frame, start + length + 2);
    }

    private static HdlcFrame? ReadBody(ReadOnlySpan<byte> body, out ProtocolError error)
    {
        error = default;
        if (Crc16.X25(body[..^2]) != ReadCrc(body[^2..]))
        {
            error = ProtocolError.BadChecksum("HDLC FCS does not match");
            return null;
        }
        if (HdlcAddress.Read(body[2..]) is not { } destination || HdlcAddress.Read(body[(2 + destination.Size)..^2]) is not { } source)
        {
            error = ProtocolError.Malformed("HDLC addresses are 1, 2 or 4 bytes");
            return null;
        }
        var control = 2 + destination.Size + source.Size;
        var fcs = body.Length - 2;
        var info = ReadOnlySpan<byte>.Empty;
        if (fcs > control + 3)
        {
            if (Crc16.X25(body[..(control + 1)]) != ReadCrc(body.Slice(control + 1, 2)))
            {
                error = ProtocolError.BadChecksum("HDLC HCS does not match");
                return null;
            }
            info = body[(control + 3)..fcs];
        }
        else if (fcs != control + 1)
        {
            error = ProtocolError.Malformed("HDLC frame length does not fit its header and check sequences");
            return null;
        }
        return new HdlcFrame(destination, source, body[control], info.ToArray(), (body[0] & 0x08) != 0);
    }

    private static ushort ReadCrc(ReadOnlySpan<byte> bytes) => (ushort)(bytes[0] | (bytes[1] << 8));

    private static void WriteCrc(Span<byte> destination, ushort crc)
    {
        destination[0] = (byte)crc;
        destination[1] = (byte)(crc >> 8);
    }
}
