namespace GridMeter.Protocols.Modbus;

/// <summary>How a value is laid out in consecutive registers (high word first, as Eastron and most meters do).</summary>
public enum RegisterFormat
{
    /// <summary>IEEE-754 single precision in two registers.</summary>
    Float32,
    UInt16,
    Int16,
    UInt32,
    Int32,
}
