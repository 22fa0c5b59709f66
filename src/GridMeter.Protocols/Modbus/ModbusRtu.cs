using System.Buffers;

namespace GridMeter.Protocols.Modbus;

/// <summary>
/// Modbus RTU framing (Modbus over Serial Line V1.02 §2.5.1): slave address, PDU, CRC-16/MODBUS low byte
/// first. Frame ends are found from the function code, not from the 3.5-character silence, so a stream
/// buffer can be decoded as it fills.
/// </summary>
public static class ModbusRtu
{
    public static void EncodeRequest(byte unit, ModbusRequest request, IBufferWriter<byte> output) => Encode(unit, request.EncodePdu, output);

    public static void EncodeResponse(byte unit, ModbusResponse response, IBufferWriter<byte> output) => Encode(unit, response.EncodePdu, output);

    public static DecodeResult<ModbusFrame<ModbusRequest>> TryDecodeRequest(ReadOnlySpan<byte> input) =>
        Decode(input, ModbusRequest.PduLength, ModbusRequest.TryDecodePdu);

    public static DecodeResult<ModbusFrame<ModbusResponse>> TryDecodeResponse(ReadOnlySpan<byte> input) =>
        Decode(input, ModbusResponse.PduLength, ModbusResponse.TryDecodePdu);

    private static void Encode(byte unit, Action<IBufferWriter<byte>> pdu, IBufferWriter<byte> output)
    {
        var frame = new ArrayBufferWriter<byte>(64);
        frame.Write([unit]);
        pdu(frame);
        var crc = Crc16.Modbus(frame.WrittenSpan);
        frame.Write([(byte)crc, (byte)(crc >> 8)]);
        output.Write(frame.WrittenSpan);
    }

    private delegate int? LengthOf(ReadOnlySpan<byte> pdu);

    private delegate DecodeResult<T> PduDecoder<T>(ReadOnlySpan<byte> pdu);

    private static DecodeResult<ModbusFrame<T>> Decode<T>(ReadOnlySpan<byte> input, LengthOf lengthOf, PduDecoder<T> decode)
    {
        if (input.IsEmpty || lengthOf(input[1..]) is not { } pduLength)
        {
            return ProtocolError.Incomplete("Modbus RTU frame not complete");
        }
        if (pduLength < 0)
        {
            return ProtocolError.Unsupported($"Modbus function {input[1]} is not supported");
        }
        var total = 1 + pduLength + 2;
        if (input.Length < total)
        {
            return ProtocolError.Incomplete("Modbus RTU frame not complete");
        }
        var expected = Crc16.Modbus(input[..(total - 2)]);
        if (input[total - 2] != (byte)expected || input[total - 1] != (byte)(expected >> 8))
        {
            return ProtocolError.BadChecksum($"Modbus CRC {input[total - 2]:X2}{input[total - 1]:X2}, expected {(byte)expected:X2}{(byte)(expected >> 8):X2}");
        }
        var pdu = decode(input.Slice(1, pduLength));
        return pdu.IsSuccess ? new DecodeResult<ModbusFrame<T>>(new ModbusFrame<T>(input[0], pdu.Value), total) : pdu.Error;
    }
}
