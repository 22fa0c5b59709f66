namespace GridMeter.Protocols.Modbus;

/// <summary>Modbus Application Protocol V1.1b3 §6: the register functions a meter needs.</summary>
public enum ModbusFunction : byte
{
    ReadHoldingRegisters = 3,
    ReadInputRegisters = 4,
    WriteSingleRegister = 6,
    WriteMultipleRegisters = 16,
}
