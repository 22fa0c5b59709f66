namespace GridMeter.Protocols.Modbus;

/// <summary>
/// One value of a register map: where it sits, how it is laid out, what it measures (OBIS) and in which
/// unit the meter reports it. A signed power with an <see cref="ExportObis"/> is split: positive values
/// go to <see cref="Obis"/> (import), negative ones, negated, to the export code.
/// </summary>
public sealed record RegisterMapEntry(ushort Address, RegisterFormat Format, Obis Obis, string Unit, Obis? ExportObis = null, decimal Scale = 1m)
{
    public int Registers => Format is RegisterFormat.UInt16 or RegisterFormat.Int16 ? 1 : 2;

    public ushort End => (ushort)(Address + Registers);
}
