using System.Buffers;
using System.Buffers.Binary;

namespace GridMeter.Protocols.Modbus;

/// <summary>
/// A Modbus response PDU: the registers read, the echo of a write, or an exception response (function
/// code + 0x80 and an exception code, Application Protocol §7).
/// </summary>
public sealed record ModbusResponse(
    ModbusFunction Function, ReadOnlyMemory<ushort> Registers, ushort Address = 0, ushort Quantity = 0, ModbusExceptionCode? Exception = null)
{
    public static ModbusResponse Read(ModbusFunction function, ReadOnlyMemory<ushort> registers) => new(function, registers);

    public static ModbusResponse WrittenSingle(ushort address, ushort value) => new(ModbusFunction.WriteSingleRegister, new[] { value }, address, 1);

    public static ModbusResponse WrittenMultiple(ushort address, ushort quantity) => new(ModbusFunction.WriteMultipleRegisters, default, address, quantity);

    public static ModbusResponse Failure(ModbusFunction function, ModbusExceptionCode code) => new(function, default, Exception: code);

    public bool IsException => Exception is not null;

    public void EncodePdu(IBufferWriter<byte> output)
    {
        if (Exception is { } code)
        {
            output.Write<byte>([(byte)((byte)Function | 0x80), (byte)code]);
            return;
        }
        switch (Function)
        {
            case ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters when Registers.Length is >= 1 and <= ModbusRequest.MaxReadQuantity:
                var span = output.GetSpan(2 + (2 * Registers.Length));
                span[0] = (byte)Function;
                span[1] = (byte)(2 * Registers.Length);
                ModbusRegisters.Write(Registers.Span, span[2..]);
                output.Advance(2 + (2 * Registers.Length));
                break;
            case ModbusFunction.WriteSingleRegister when Registers.Length == 1:
                WriteEcho(output, Registers.Span[0]);
                break;
            case ModbusFunction.WriteMultipleRegisters:
                WriteEcho(output, Quantity);
                break;
            default:
                throw new ProtocolException($"{Function} response with {Registers.Length} registers is not valid");
        }
    }

    internal static int? PduLength(ReadOnlySpan<byte> pdu) => pdu.IsEmpty ? null : pdu[0] switch
    {
        >= 0x80 => 2,
        3 or 4 => pdu.Length >= 2 ? 2 + pdu[1] : null,
        6 or 16 => 5,
        _ => -1,
    };

    public static DecodeResult<ModbusResponse> TryDecodePdu(ReadOnlySpan<byte> pdu)
    {
        if (PduLength(pdu) is not { } length || (length > 0 && pdu.Length < length))
        {
            return ProtocolError.Incomplete("Modbus response not complete");
        }
        if (length < 0 || !Enum.IsDefined((ModbusFunction)(pdu[0] & 0x7F)))
        {
            return ProtocolError.Unsupported($"Modbus function {pdu[0] & 0x7F} is not supported");
        }
        var function = (ModbusFunction)(pdu[0] & 0x7F);
        ModbusResponse? response = pdu[0] switch
        {
            >= 0x80 => Failure(function, (ModbusExceptionCode)pdu[1]),
            3 or 4 when pdu[1] is > 0 and <= 2 * ModbusRequest.MaxReadQuantity && pdu[1] % 2 == 0 => Read(function, ModbusRegisters.Read(pdu.Slice(2, pdu[1]))),
            6 => WrittenSingle(BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]), BinaryPrimitives.ReadUInt16BigEndian(pdu[3..])),
            16 => WrittenMultiple(BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]), BinaryPrimitives.ReadUInt16BigEndian(pdu[3..])),
            _ => null,
        };
        return response is null ? ProtocolError.Malformed("The byte count of a read response is odd or out of range")
            : new DecodeResult<ModbusResponse>(response, length);
    }

    public bool Equals(ModbusResponse? other) =>
        other is not null && Function == other.Function && Address == other.Address && Quantity == other.Quantity
        && Exception == other.Exception && Registers.Span.SequenceEqual(other.Registers.Span);

    public override int GetHashCode() => HashCode.Combine(Function, Address, Quantity, Exception, Registers.Length);

    private void WriteEcho(IBufferWriter<byte> output, ushort second)
    {
        var span = output.GetSpan(5);
        span[0] = (byte)Function;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], Address);
        BinaryPrimitives.WriteUInt16BigEndian(span[3..], second);
        output.Advance(5);
    }
}
