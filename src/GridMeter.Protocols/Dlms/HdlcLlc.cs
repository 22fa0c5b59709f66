namespace GridMeter.Protocols.Dlms;

/// <summary>
/// IEC 62056-46 §8 (LLC sub-layer): the three bytes before every APDU in an HDLC information field.
/// Destination LSAP 0xE6, source LSAP 0xE6 (request) or 0xE7 (response), quality 0x00.
/// </summary>
public static class HdlcLlc
{
    public static ReadOnlySpan<byte> Request => [0xE6, 0xE6, 0x00];

    public static ReadOnlySpan<byte> Response => [0xE6, 0xE7, 0x00];

    /// <summary>The APDU after an LLC header, or an error when the header is not there.</summary>
    public static DecodeResult<ReadOnlyMemory<byte>> Strip(ReadOnlyMemory<byte> information)
    {
        var span = information.Span;
        return span.Length >= 3 && span[0] == 0xE6 && span[1] is 0xE6 or 0xE7 && span[2] == 0x00
            ? new DecodeResult<ReadOnlyMemory<byte>>(information[3..], information.Length)
            : ProtocolError.Malformed("The information field does not start with the LLC header E6 E6/E7 00");
    }

    /// <summary>An information field: the LLC header, then the APDU.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> apdu, bool response) => [.. response ? Response : Request, .. apdu];
}
