using System.Text;

namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// Reads DSMR P1 telegrams (DSMR 2.2 to 5.0.2 and the Belgian, Luxembourg, Irish, Hungarian and German
/// variants): "/" header, blank line, COSEM lines, "!" and, from DSMR 4 on, a CRC-16 in four hex digits.
/// </summary>
public static class DsmrParser
{
    /// <summary>
    /// Finds the first whole telegram in a stream buffer: from "/" to the end of the line that starts with
    /// "!". Bytes before the "/" are line noise (EasyMeter sends a trailer after "!"); skip them.
    /// Returns false while the telegram is still incomplete.
    /// </summary>
    public static bool TryFindTelegram(ReadOnlySpan<byte> buffer, out int start, out int length)
    {
        length = 0;
        start = buffer.IndexOf((byte)'/');
        if (start < 0)
        {
            return false;
        }
        var bang = buffer[start..].IndexOf((byte)'!');
        var lineEnd = bang < 0 ? -1 : buffer[(start + bang)..].IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            return false;
        }
        length = bang + lineEnd + 1;
        return true;
    }

    /// <summary>Parses one telegram; checks its CRC when it has one (DSMR 5.0.2 §6.2).</summary>
    public static DecodeResult<DsmrTelegram> Parse(ReadOnlySpan<byte> telegram, DsmrOptions? options = null)
    {
        options ??= DsmrOptions.Default;
        var start = telegram.IndexOf((byte)'/');
        if (start < 0)
        {
            return ProtocolError.Malformed("No '/' starts a telegram");
        }
        var bang = telegram[start..].IndexOf((byte)'!');
        if (bang < 0)
        {
            return ProtocolError.Incomplete("No '!' ends the telegram yet");
        }
        bang += start;
        var checksum = ReadChecksum(telegram, start, bang, options.RequireChecksum, out var crc, out var end);
        if (checksum is { } error)
        {
            return error;
        }
        var lines = telegram[(start + 1)..bang];
        var headerEnd = lines.IndexOfAny((byte)'\r', (byte)'\n');
        if (headerEnd <= 0)
        {
            return ProtocolError.Malformed("The identification line after '/' is missing");
        }
        var header = Ascii(lines[..headerEnd]);
        if (header is null)
        {
            return ProtocolError.Malformed("The identification line has bytes outside ASCII");
        }
        var objects = DsmrLines.Read(lines[headerEnd..], out var lineError);
        if (objects is null)
        {
            return ProtocolError.Malformed(lineError);
        }
        return new DecodeResult<DsmrTelegram>(DsmrMeaning.Interpret(header, crc, objects, options.Zone), end);
    }

    private static ProtocolError? ReadChecksum(ReadOnlySpan<byte> telegram, int start, int bang, bool required, out ushort? crc, out int end)
    {
        crc = null;
        end = bang + 1;
        var digits = 0;
        ushort value = 0;
        while (end < telegram.Length && digits < 4 && HexValue(telegram[end]) is int nibble)
        {
            value = (ushort)((value << 4) | nibble);
            digits++;
            end++;
        }
        if (end < telegram.Length && telegram[end] is not ((byte)'\r' or (byte)'\n'))
        {
            return ProtocolError.Malformed("The CRC after '!' is not four hex digits");
        }
        end = Math.Min(telegram.Length, end + (end < telegram.Length && telegram[end] == '\r' ? 2 : 1));
        if (digits == 0)
        {
            return required ? ProtocolError.Malformed("The telegram has no CRC") : null;
        }
        // DSMR 5.0.2 §6.2: the CRC covers every byte from "/" up to and including "!". Some meters drop
        // leading zeros, so fewer than four digits are accepted.
        var actual = Crc16.Arc(telegram[start..(bang + 1)]);
        if (actual != value)
        {
            return ProtocolError.BadChecksum($"CRC {value:X4} in the telegram, {actual:X4} computed");
        }
        crc = value;
        return null;
    }

    // DSMR 5.0.2 §6.2: the CRC is written as four upper-case hex characters, most significant first.
    private static int? HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => null,
    };

    internal static string? Ascii(ReadOnlySpan<byte> bytes)
    {
        if (bytes.ContainsAnyExceptInRange((byte)0x01, (byte)0x7E))
        {
            return null;
        }
        return Encoding.ASCII.GetString(bytes);
    }
}
