namespace GridMeter.Protocols.Iec62056;

/// <summary>IEC 62056-21 §6.3: the control characters of the mode A–E messages.</summary>
internal static class IecCharacters
{
    public const byte Soh = 0x01;
    public const byte Stx = 0x02;
    public const byte Etx = 0x03;
    public const byte Ack = 0x06;
    public const byte Nak = 0x15;

    /// <summary>IEC 62056-21 §6.3.14: printable characters of addresses, identifications and values.</summary>
    public static bool IsPrintable(ReadOnlySpan<byte> text) => !text.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);

    public static bool IsPrintable(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange((char)0x20, (char)0x7E);

    /// <summary>IEC 62056-21 §6.3.4 BCC: XOR of every byte after SOH/STX up to and including ETX.</summary>
    public static byte Bcc(ReadOnlySpan<byte> data)
    {
        byte bcc = 0;
        foreach (var b in data)
        {
            bcc ^= b;
        }
        return bcc;
    }
}
