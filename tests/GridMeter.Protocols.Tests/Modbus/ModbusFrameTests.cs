using System.Buffers;
using FsCheck.Fluent;
using GridMeter.Protocols.Modbus;

namespace GridMeter.Protocols.Tests.Modbus;

public sealed class ModbusFrameTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    [Theory]
    // Modbus Application Protocol V1.1b3 §6.3 example (read holding registers 108–110 of slave 0x11) in RTU framing.
    [InlineData(0x11, "11 03 006B 0003 7687", 3, 0x006B, 3)]
    // The most quoted RTU request: slave 1, ten holding registers from 0.
    [InlineData(0x01, "01 03 0000 000A C5CD", 3, 0x0000, 10)]
    public void Rtu_read_requests_match_the_published_frames(byte unit, string hex, byte function, ushort address, ushort quantity)
    {
        var request = new ModbusRequest((ModbusFunction)function, address, quantity);
        Assert.Equal(Hex(hex), Encode(b => ModbusRtu.EncodeRequest(unit, request, b)));
        var decoded = ModbusRtu.TryDecodeRequest(Hex(hex)).Value;
        Assert.Equal((unit, request), (decoded.Unit, decoded.Pdu));
    }

    [Fact]
    public void Rtu_read_response_of_the_specification_example_gives_its_three_registers()
    {
        // Application Protocol §6.3: registers 108–110 hold 0x022B, 0x0000, 0x0064 (here 0xAE41, 0x5652, 0x4340).
        var decoded = ModbusRtu.TryDecodeResponse(Hex("11 03 06 AE41 5652 4340 49AD"));
        Assert.Equal(11, decoded.Consumed);
        Assert.Equal(new ushort[] { 0xAE41, 0x5652, 0x4340 }, decoded.Value.Pdu.Registers.ToArray());
    }

    [Fact]
    public void Exception_response_sets_the_high_bit_of_the_function_code()
    {
        // Application Protocol §7: function 0x83, exception code 02 (illegal data address).
        var bytes = Encode(b => ModbusRtu.EncodeResponse(1, ModbusResponse.Failure(ModbusFunction.ReadHoldingRegisters, ModbusExceptionCode.IllegalDataAddress), b));
        Assert.Equal(Hex("01 83 02 C0F1"), bytes);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ModbusRtu.TryDecodeResponse(bytes).Value.Pdu.Exception);
    }

    [Fact]
    public void Tcp_request_carries_the_mbap_header()
    {
        // Messaging on TCP/IP Implementation Guide §3.1.3: transaction 1, protocol 0, length 6, unit 0x11.
        var frame = new ModbusFrame<ModbusRequest>(0x11, ModbusRequest.ReadHolding(0x006B, 3), 1);
        var bytes = Encode(b => ModbusTcp.EncodeRequest(frame, b));
        Assert.Equal(Hex("0001 0000 0006 11 03 006B 0003"), bytes);
        Assert.Equal(frame, ModbusTcp.TryDecodeRequest(bytes).Value);
        Assert.True(ModbusTcp.TryDecodeRequest(bytes.AsSpan(0, 9)).IsIncomplete);
    }

    [Fact]
    public void Writes_echo_address_and_value_or_quantity()
    {
        // CRC computed independently with CRC-16/MODBUS (initial 0xFFFF, polynomial 0xA001).
        var single = Encode(b => ModbusRtu.EncodeRequest(1, ModbusRequest.WriteSingle(0x0001, 0x0003), b));
        Assert.Equal(Hex("01 06 0001 0003 980B"), single);
        var multiple = ModbusRequest.WriteMultiple(0x0001, new ushort[] { 0x000A, 0x0102 });
        Assert.Equal(Hex("10 0001 0002 04 000A 0102"), Encode(multiple.EncodePdu));
        Assert.Equal(Hex("10 0001 0002"), Encode(ModbusResponse.WrittenMultiple(1, 2).EncodePdu));
    }

    [Fact]
    public void A_damaged_crc_is_a_checksum_error()
    {
        var bytes = Hex("11 03 006B 0003 7687");
        bytes[3] ^= 0x01;
        Assert.Equal(ProtocolErrorKind.BadChecksum, ModbusRtu.TryDecodeRequest(bytes).Error.Kind);
        Assert.Equal(ProtocolErrorKind.Unsupported, ModbusRtu.TryDecodeRequest(Hex("11 2B 0E 01 00")).Error.Kind);
    }

    [Fact]
    public void Random_requests_and_responses_survive_rtu_and_tcp()
    {
        var registers = from n in Gen.Choose(1, 123) from values in Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(v => (ushort)v), n) select values;
        var address = Gen.Choose(0, 0xFFFF).Select(a => (ushort)a);
        var requests = Gen.OneOf(
            from a in address from n in Gen.Choose(1, 125) select ModbusRequest.ReadInput(a, (ushort)n),
            from a in address from n in Gen.Choose(1, 125) select ModbusRequest.ReadHolding(a, (ushort)n),
            from a in address from v in address select ModbusRequest.WriteSingle(a, v),
            from a in address from values in registers select ModbusRequest.WriteMultiple(a, values));
        var responses = Gen.OneOf(
            registers.Select(r => ModbusResponse.Read(ModbusFunction.ReadInputRegisters, r)),
            from a in address from v in address select ModbusResponse.WrittenSingle(a, v),
            Gen.Elements(Enum.GetValues<ModbusExceptionCode>()).Select(c => ModbusResponse.Failure(ModbusFunction.ReadHoldingRegisters, c)));
        Properties.ForAll(Gen.Zip(requests, Gen.Choose(1, 247)), p =>
            ModbusRtu.TryDecodeRequest(Encode(b => ModbusRtu.EncodeRequest((byte)p.Item2, p.Item1, b))).Value.Pdu.Equals(p.Item1)
            && ModbusTcp.TryDecodeRequest(Encode(b => ModbusTcp.EncodeRequest(new(1, p.Item1, 7), b))).Value.Pdu.Equals(p.Item1));
        Properties.ForAll(responses, r =>
            ModbusRtu.TryDecodeResponse(Encode(b => ModbusRtu.EncodeResponse(9, r, b))).Value.Pdu.Equals(r)
            && ModbusTcp.TryDecodeResponse(Encode(b => ModbusTcp.EncodeResponse(new(9, r, 3), b))).Value.Pdu.Equals(r));
    }

    [Fact]
    public void Random_bytes_never_throw_from_the_modbus_decoders()
    {
        Properties.ForAll(Properties.Bytes(300), bytes =>
        {
            _ = ModbusRtu.TryDecodeRequest(bytes);
            _ = ModbusRtu.TryDecodeResponse(bytes);
            _ = ModbusTcp.TryDecodeRequest(bytes);
            _ = ModbusTcp.TryDecodeResponse(bytes);
            _ = ModbusTcp.TryDecodeResponse([0, 1, 0, 0, 0, (byte)Math.Min(bytes.Length + 1, 254), .. bytes]);
        });
    }

    private static byte[] Encode(Action<IBufferWriter<byte>> encode)
    {
        var buffer = new ArrayBufferWriter<byte>();
        encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
