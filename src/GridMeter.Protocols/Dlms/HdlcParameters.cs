using System.Buffers;

namespace GridMeter.Protocols.Dlms;

/// <summary>
/// The link parameters SNRM proposes and UA accepts (IEC 62056-46 §6.4.4.4.3.2, ISO/IEC 13239 format
/// 0x81, group 0x80): maximum information field length and window size, each way. "Transmit" is from the
/// sender's side of the frame that carries them.
/// </summary>
public sealed record HdlcParameters(int MaxInfoTransmit = 128, int MaxInfoReceive = 128, int WindowTransmit = 1, int WindowReceive = 1)
{
    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Span<byte> group = stackalloc byte[32];
        var length = Parameter(group, 0, 0x05, MaxInfoTransmit, 2);
        length = Parameter(group, length, 0x06, MaxInfoReceive, 2);
        length = Parameter(group, length, 0x07, WindowTransmit, 4);
        length = Parameter(group, length, 0x08, WindowReceive, 4);
        buffer.Write<byte>([0x81, 0x80, (byte)length]);
        buffer.Write(group[..length]);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the parameters; ones left out keep their defaults (§6.4.4.4.3.2: 128 bytes, window 1).</summary>
    public static DecodeResult<HdlcParameters> TryDecode(ReadOnlySpan<byte> info)
    {
        if (info.IsEmpty)
        {
            return new DecodeResult<HdlcParameters>(new HdlcParameters(), 0);
        }
        if (info.Length < 3 || info[0] != 0x81 || info[1] != 0x80 || info[2] > info.Length - 3)
        {
            return ProtocolError.Malformed("HDLC parameters start 81 80 and a group length within the field");
        }
        var result = new HdlcParameters();
        var group = info.Slice(3, info[2]);
        while (!group.IsEmpty)
        {
            if (group.Length < 2 || group[1] is 0 or > 4 || group[1] > group.Length - 2)
            {
                return ProtocolError.Malformed("An HDLC parameter runs past its group");
            }
            var value = 0L;
            foreach (var b in group.Slice(2, group[1]))
            {
                value = (value << 8) | b;
            }
            var v = (int)Math.Min(value, int.MaxValue);
            result = group[0] switch
            {
                0x05 => result with { MaxInfoTransmit = v },
                0x06 => result with { MaxInfoReceive = v },
                0x07 => result with { WindowTransmit = v },
                0x08 => result with { WindowReceive = v },
                _ => result,
            };
            group = group[(2 + group[1])..];
        }
        return new DecodeResult<HdlcParameters>(result, info[2] + 3);
    }

    /// <summary>Lengths in 1 byte when they fit, else 2; windows in 4 bytes as the Green Book example does.</summary>
    private static int Parameter(Span<byte> group, int at, byte id, int value, int width)
    {
        if (value < 1 || value > (width == 2 ? 0xFFFF : 0x7F) || (id >= 0x07 && value > 7))
        {
            throw new ProtocolException($"HDLC parameter 0x{id:X2} = {value} is out of range");
        }
        var size = width == 2 && value <= 0xFF ? 1 : width;
        group[at] = id;
        group[at + 1] = (byte)size;
        for (var i = 0; i < size; i++)
        {
            group[at + 2 + i] = (byte)(value >> (8 * (size - 1 - i)));
        }
        return at + 2 + size;
    }
}
