using System.Globalization;

namespace GridMeter.Protocols.Modbus;

/// <summary>Numbers in registers: high word first; float32 as IEEE-754 single precision.</summary>
internal static class RegisterValue
{
    public static decimal? Read(RegisterFormat format, ReadOnlySpan<ushort> registers)
    {
        var pair = registers.Length >= 2 ? ((uint)registers[0] << 16) | registers[1] : 0u;
        switch (format)
        {
            case RegisterFormat.UInt16:
                return registers[0];
            case RegisterFormat.Int16:
                return (short)registers[0];
            case RegisterFormat.UInt32:
                return pair;
            case RegisterFormat.Int32:
                return (int)pair;
            default:
                var value = BitConverter.UInt32BitsToSingle(pair);
                // A float32 carries about 7 significant digits: its shortest round-trip text is the value
                // the meter meant (230.1, not 230.100006103515625).
                return float.IsFinite(value) && Math.Abs(value) < 7.9e27f
                    ? decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture)
                    : null;
        }
    }

    public static void Write(RegisterFormat format, decimal value, Span<ushort> registers)
    {
        uint pair;
        switch (format)
        {
            case RegisterFormat.UInt16:
                registers[0] = (ushort)Math.Clamp(Math.Round(value), ushort.MinValue, ushort.MaxValue);
                return;
            case RegisterFormat.Int16:
                registers[0] = (ushort)(short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
                return;
            case RegisterFormat.UInt32:
                pair = (uint)Math.Clamp(Math.Round(value), uint.MinValue, uint.MaxValue);
                break;
            case RegisterFormat.Int32:
                pair = (uint)(int)Math.Clamp(Math.Round(value), int.MinValue, int.MaxValue);
                break;
            default:
                pair = BitConverter.SingleToUInt32Bits((float)value);
                break;
        }
        registers[0] = (ushort)(pair >> 16);
        registers[1] = (ushort)pair;
    }
}
