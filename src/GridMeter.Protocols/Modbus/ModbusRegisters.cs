using System.Buffers.Binary;

namespace GridMeter.Protocols.Modbus;

/// <summary>Modbus registers are 16-bit big-endian words (Application Protocol §4.2).</summary>
internal static class ModbusRegisters
{
    public static void Write(ReadOnlySpan<ushort> registers, Span<byte> destination)
    {
        for (var i = 0; i < registers.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(2 * i)..], registers[i]);
        }
    }

    public static ushort[] Read(ReadOnlySpan<byte> bytes)
    {
        var registers = new ushort[bytes.Length / 2];
        for (var i = 0; i < registers.Length; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes[(2 * i)..]);
        }
        return registers;
    }
}
