namespace GridMeter.Protocols.Modbus;

/// <summary>
/// A request or response PDU with the addressing of its transport: the unit (RTU slave address, TCP unit
/// identifier) and, on TCP, the MBAP transaction identifier (0 on RTU).
/// </summary>
public sealed record ModbusFrame<T>(byte Unit, T Pdu, ushort TransactionId = 0);
