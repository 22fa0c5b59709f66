namespace GridMeter.Protocols;

/// <summary>
/// The three CRC-16 variants of the meter protocols, all on the reflected polynomial family:
/// ARC (DSMR P1), MODBUS (Modbus RTU) and X.25 (HDLC HCS/FCS).
/// </summary>
public static class Crc16
{
    private static readonly ushort[] ArcTable = Table(0xA001);
    private static readonly ushort[] X25Table = Table(0x8408);

    /// <summary>DSMR 5.0.2 §6.2: CRC16, polynomial x16+x15+x2+1 (0xA001 reflected), initial 0, no final XOR.</summary>
    public static ushort Arc(ReadOnlySpan<byte> data) => Run(ArcTable, 0, data);

    /// <summary>Modbus over serial line V1.02 §6.2.2: same polynomial, initial 0xFFFF, sent low byte first.</summary>
    public static ushort Modbus(ReadOnlySpan<byte> data) => Run(ArcTable, 0xFFFF, data);

    /// <summary>IEC 62056-46 §6.4.4.4.3.4 (ISO/IEC 13239 FCS-16): 0x8408 reflected, initial and final XOR 0xFFFF.</summary>
    public static ushort X25(ReadOnlySpan<byte> data) => (ushort)~Run(X25Table, 0xFFFF, data);

    private static ushort Run(ushort[] table, ushort crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = (ushort)((crc >> 8) ^ table[(crc ^ b) & 0xFF]);
        }
        return crc;
    }

    private static ushort[] Table(ushort polynomial)
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ polynomial) : (ushort)(crc >> 1);
            }
            table[i] = crc;
        }
        return table;
    }
}
