namespace GridMeter.Protocols.Dlms;

/// <summary>
/// An HDLC address (IEC 62056-46 §6.4.2): 1, 2 or 4 bytes, 7 bits each, the last byte marked by bit 0 = 1.
/// A client address is one byte; a server address is its upper (logical device) and lower (physical device)
/// HDLC address, in 1 byte (upper only), 2 bytes (7 bits each) or 4 bytes (14 bits each).
/// </summary>
public readonly record struct HdlcAddress(ushort Upper, ushort Lower, byte Size)
{
    public static HdlcAddress Client(byte address) =>
        address <= 0x7F ? new HdlcAddress(address, 0, 1) : throw new ProtocolException("A client address is 0–127");

    /// <summary>A server address; two bytes when both parts fit 7 bits, else four.</summary>
    public static HdlcAddress Server(ushort logical, ushort physical) =>
        logical <= 0x7F && physical <= 0x7F ? new HdlcAddress(logical, physical, 2)
        : logical <= 0x3FFF && physical <= 0x3FFF ? new HdlcAddress(logical, physical, 4)
        : throw new ProtocolException("Server address parts are 0–16383");

    /// <summary>A server named by its logical device alone (one byte).</summary>
    public static HdlcAddress Server(byte logical) => Client(logical);

    internal void Write(Span<byte> destination)
    {
        switch (Size)
        {
            case 1 when Upper <= 0x7F:
                destination[0] = (byte)((Upper << 1) | 1);
                break;
            case 2 when Upper <= 0x7F && Lower <= 0x7F:
                destination[0] = (byte)(Upper << 1);
                destination[1] = (byte)((Lower << 1) | 1);
                break;
            case 4 when Upper <= 0x3FFF && Lower <= 0x3FFF:
                destination[0] = (byte)((Upper >> 7) << 1);
                destination[1] = (byte)((Upper & 0x7F) << 1);
                destination[2] = (byte)((Lower >> 7) << 1);
                destination[3] = (byte)(((Lower & 0x7F) << 1) | 1);
                break;
            default:
                throw new ProtocolException($"{this} cannot be encoded in {Size} bytes");
        }
    }

    /// <summary>Reads an address from the start of <paramref name="bytes"/>; null when it is not 1, 2 or 4 bytes.</summary>
    internal static HdlcAddress? Read(ReadOnlySpan<byte> bytes)
    {
        var end = IndexOfLast(bytes);
        return (end + 1) switch
        {
            1 => new HdlcAddress((ushort)(bytes[0] >> 1), 0, 1),
            2 => new HdlcAddress((ushort)(bytes[0] >> 1), (ushort)(bytes[1] >> 1), 2),
            4 => new HdlcAddress((ushort)(((bytes[0] >> 1) << 7) | (bytes[1] >> 1)), (ushort)(((bytes[2] >> 1) << 7) | (bytes[3] >> 1)), 4),
            _ => null,
        };
    }

    private static int IndexOfLast(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < Math.Min(bytes.Length, 4); i++)
        {
            if ((bytes[i] & 1) != 0)
            {
                return i;
            }
        }
        return -1;
    }

    public override string ToString() => Size == 1 ? $"{Upper}" : $"{Upper}/{Lower}";
}
