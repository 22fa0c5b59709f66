using System.Buffers;
using System.Text;

namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// IEC 62056-21 §6.3.2 identification message "/XXXZ identification CR LF": the three-letter manufacturer
/// (FLAG code), the baud-rate character Z and up to 16 characters naming the meter.
/// </summary>
public sealed record IdentificationMessage(string Manufacturer, char BaudRateCharacter, string Identification)
{
    /// <summary>The baud rate Z stands for: mode C digits 0–6 (§6.3.14 item 13), mode B letters A–F.</summary>
    public int? BaudRate => BaudRateOf(BaudRateCharacter);

    public ProtocolMode Mode => BaudRateCharacter switch
    {
        >= '0' and <= '9' => ProtocolMode.C,
        >= 'A' and <= 'I' => ProtocolMode.B,
        _ => ProtocolMode.A,
    };

    /// <summary>§6.3.14 item 12: a lower-case third letter means the meter answers after 20 ms, not 200 ms.</summary>
    public bool ShortReactionTime => Manufacturer.Length == 3 && char.IsLower(Manufacturer[2]);

    /// <summary>§6.3.2 enhanced identification: "\2" announces mode E, the HDLC (DLMS) protocol.</summary>
    public bool SupportsModeE => Identification.StartsWith("\\2", StringComparison.Ordinal);

    public static int? BaudRateOf(char z) => z switch
    {
        '0' => 300,
        '1' or 'A' => 600,
        '2' or 'B' => 1200,
        '3' or 'C' => 2400,
        '4' or 'D' => 4800,
        '5' or 'E' => 9600,
        '6' or 'F' => 19200,
        _ => null,
    };

    /// <summary>The mode C character for a baud rate (the option select message proposes it).</summary>
    public static char ModeCCharacter(int baudRate) => baudRate switch
    {
        300 => '0',
        600 => '1',
        1200 => '2',
        2400 => '3',
        4800 => '4',
        9600 => '5',
        19200 => '6',
        _ => throw new ProtocolException($"{baudRate} baud has no IEC 62056-21 mode C character"),
    };

    public void Encode(IBufferWriter<byte> output)
    {
        if (Manufacturer.Length != 3 || !IecCharacters.IsPrintable(Manufacturer) || !IecCharacters.IsPrintable(Identification)
            || Identification.Length is 0 or > 32 || BaudRateCharacter is < ' ' or > '~' || Identification.Contains('/', StringComparison.Ordinal))
        {
            throw new ProtocolException("An identification is 3 manufacturer letters, a baud-rate character and 1–32 printable characters");
        }
        output.Write(Encoding.ASCII.GetBytes($"/{Manufacturer}{BaudRateCharacter}{Identification}\r\n"));
    }

    public static DecodeResult<IdentificationMessage> TryDecode(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return ProtocolError.Incomplete("Nothing received yet");
        }
        if (input[0] != '/')
        {
            return ProtocolError.Malformed("An identification message starts with '/'");
        }
        var end = input.IndexOf("\r\n"u8);
        if (end < 0)
        {
            return input.Length > 40 ? ProtocolError.Malformed("The identification is longer than the standard allows")
                : ProtocolError.Incomplete("No CR LF yet");
        }
        var line = input[1..end];
        if (line.Length < 5 || line.Length > 36 || !IecCharacters.IsPrintable(line))
        {
            return ProtocolError.Malformed("An identification is /XXXZ and 1–32 printable characters");
        }
        var text = Encoding.ASCII.GetString(line);
        return new DecodeResult<IdentificationMessage>(new IdentificationMessage(text[..3], text[3], text[4..]), end + 2);
    }
}
