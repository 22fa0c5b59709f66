using System.Buffers;
using System.Buffers.Binary;

namespace GridMeter.Protocols.Modbus;

/// <summary>
/// Modbus TCP (Messaging on TCP/IP Implementation Guide V1.0b §3.1.3): the 7-byte MBAP header — transaction
/// identifier, protocol identifier 0, length of unit identifier + PDU, unit identifier — then the PDU.
/// </summary>
public static class ModbusTcp
{
    public const int HeaderLength = 7;

    public static void EncodeRequest(ModbusFrame<ModbusRequest> frame, IBufferWriter<byte> output) => Encode(frame.TransactionId, frame.Unit, frame.Pdu.EncodePdu, output);

    public static void EncodeResponse(ModbusFrame<ModbusResponse> frame, IBufferWriter<byte> output) => Encode(frame.TransactionId, frame.Unit, frame.Pdu.EncodePdu, output);

    public static DecodeResult<ModbusFrame<ModbusRequest>> TryDecodeRequest(ReadOnlySpan<byte> input) => Decode(input, ModbusRequest.TryDecodePdu);

    public static DecodeResult<ModbusFrame<ModbusResponse>> TryDecodeResponse(ReadOnlySpan<byte> input) => Decode(input, ModbusResponse.TryDecodePdu);

    private static void Encode(ushort transaction, byte unit, Action<IBufferWriter<byte>> pdu, IBufferWriter<byte> output)
    {
        var body = new ArrayBufferWriter<byte>(64);
        pdu(body);
        var span = output.GetSpan(HeaderLength + body.WrittenCount);
        BinaryPrimitives.WriteUInt16BigEndian(span, transaction);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)(body.WrittenCount + 1));
        span[6] = unit;
        body.WrittenSpan.CopyTo(span[HeaderLength..]);
        output.Advance(HeaderLength + body.WrittenCount);
    }

    private delegate DecodeResult<T> PduDecoder<T>(ReadOnlySpan<byte> pdu);

    private static DecodeResult<ModbusFrame<T>> Decode<T>(ReadOnlySpan<byte> input, PduDecoder<T> decode)
    {
        if (input.Length < HeaderLength)
        {
            return ProtocolError.Incomplete("MBAP header not complete");
        }
        var length = BinaryPrimitives.ReadUInt16BigEndian(input[4..]);
        if (BinaryPrimitives.ReadUInt16BigEndian(input[2..]) != 0 || length is < 2 or > 254)
        {
            return ProtocolError.Malformed("MBAP protocol identifier is 0 and length 2–254");
        }
        if (input.Length < 6 + length)
        {
            return ProtocolError.Incomplete("Modbus TCP PDU not complete");
        }
        var pdu = input.Slice(HeaderLength, length - 1);
        var decoded = decode(pdu);
        if (!decoded.IsSuccess)
        {
            return decoded.IsIncomplete ? ProtocolError.Malformed("The MBAP length is shorter than the PDU") : decoded.Error;
        }
        if (decoded.Consumed != pdu.Length)
        {
            return ProtocolError.Malformed("The MBAP length does not match the PDU");
        }
        var frame = new ModbusFrame<T>(input[6], decoded.Value, BinaryPrimitives.ReadUInt16BigEndian(input));
        return new DecodeResult<ModbusFrame<T>>(frame, 6 + length);
    }
}
