namespace GridMeter.Protocols.Modbus;

/// <summary>A run of registers read with one request.</summary>
public readonly record struct RegisterBlock(ushort Start, ushort Count)
{
    public ModbusRequest ToRequest(ModbusFunction function) => new(function, Start, Count);
}
