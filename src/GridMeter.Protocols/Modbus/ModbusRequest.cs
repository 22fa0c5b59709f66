using System.Buffers;
using System.Buffers.Binary;

namespace GridMeter.Protocols.Modbus;

/// <summary>
/// A Modbus request PDU (Application Protocol V1.1b3 §6.3, 6.4, 6.6, 6.12): read holding or input
/// registers (1–125), write one register, write 1–123 registers.
/// </summary>
public sealed record ModbusRequest(ModbusFunction Function, ushort Address, ushort Quantity, ReadOnlyMemory<ushort> Values = default)
{
    public const int MaxReadQuantity = 125;
    public const int MaxWriteQuantity = 123;

    public static ModbusRequest ReadHolding(ushort address, ushort quantity) => new(ModbusFunction.ReadHoldingRegisters, address, quantity);

    public static ModbusRequest ReadInput(ushort address, ushort quantity) => new(ModbusFunction.ReadInputRegisters, address, quantity);

    public static ModbusRequest WriteSingle(ushort address, ushort value) => new(ModbusFunction.WriteSingleRegister, address, 1, new[] { value });

    public static ModbusRequest WriteMultiple(ushort address, ReadOnlyMemory<ushort> values) =>
        new(ModbusFunction.WriteMultipleRegisters, address, (ushort)values.Length, values);

    public void EncodePdu(IBufferWriter<byte> output)
    {
        var valid = Function switch
        {
            ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters => Quantity is >= 1 and <= MaxReadQuantity,
            ModbusFunction.WriteSingleRegister => Values.Length == 1,
            ModbusFunction.WriteMultipleRegisters => Quantity is >= 1 and <= MaxWriteQuantity && Values.Length == Quantity,
            _ => false,
        };
        if (!valid)
        {
            throw new ProtocolException($"{Function} with quantity {Quantity} and {Values.Length} values is not a valid request");
        }
        var length = Function == ModbusFunction.WriteMultipleRegisters ? 6 + (2 * Quantity) : 5;
        var span = output.GetSpan(length);
        span[0] = (byte)Function;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], Address);
        BinaryPrimitives.WriteUInt16BigEndian(span[3..], Function == ModbusFunction.WriteSingleRegister ? Values.Span[0] : Quantity);
        if (Function == ModbusFunction.WriteMultipleRegisters)
        {
            span[5] = (byte)(2 * Quantity);
            ModbusRegisters.Write(Values.Span, span[6..]);
        }
        output.Advance(length);
    }

    /// <summary>The PDU length a request with this function code and these first bytes has; null if unknown yet.</summary>
    internal static int? PduLength(ReadOnlySpan<byte> pdu) => pdu.IsEmpty ? null : pdu[0] switch
    {
        3 or 4 or 6 => 5,
        16 => pdu.Length >= 6 ? 6 + pdu[5] : null,
        _ => -1,
    };

    public static DecodeResult<ModbusRequest> TryDecodePdu(ReadOnlySpan<byte> pdu)
    {
        if (PduLength(pdu) is not { } length)
        {
            return ProtocolError.Incomplete("Modbus request not complete");
        }
        if (length < 0)
        {
            return ProtocolError.Unsupported($"Modbus function {pdu[0]} is not supported");
        }
        if (pdu.Length < length)
        {
            return ProtocolError.Incomplete("Modbus request not complete");
        }
        var function = (ModbusFunction)pdu[0];
        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var second = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        var request = function switch
        {
            ModbusFunction.WriteSingleRegister => WriteSingle(address, second),
            ModbusFunction.WriteMultipleRegisters when second is >= 1 and <= MaxWriteQuantity && pdu[5] == 2 * second =>
                WriteMultiple(address, ModbusRegisters.Read(pdu.Slice(6, pdu[5]))),
            ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters when second is >= 1 and <= MaxReadQuantity =>
                new ModbusRequest(function, address, second),
            _ => null,
        };
        return request is null
            ? ProtocolError.Malformed($"{function} with quantity {second} breaks Modbus §6 limits")
            : new DecodeResult<ModbusRequest>(request, length);
    }

    public bool Equals(ModbusRequest? other) =>
        other is not null && Function == other.Function && Address == other.Address && Quantity == other.Quantity
        && Values.Span.SequenceEqual(other.Values.Span);

    public override int GetHashCode() => HashCode.Combine(Function, Address, Quantity, Values.Length);
}
