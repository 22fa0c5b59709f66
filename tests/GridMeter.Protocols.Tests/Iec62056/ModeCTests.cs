using System.Buffers;
using System.Text;
using FsCheck.Fluent;
using GridMeter.Protocols.Iec62056;

namespace GridMeter.Protocols.Tests.Iec62056;

public sealed class ModeCTests
{
    [Theory]
    [InlineData("", "2F3F210D0A")]
    [InlineData("12345678", "2F3F3132333435363738210D0A")]
    public void Sign_on_request_is_slash_question_mark_address_exclamation_mark_crlf(string address, string hex)
    {
        // IEC 62056-21 §6.3.1: / ? Device address ! CR LF.
        Assert.Equal(hex, Convert.ToHexString(Encode(new SignOnRequest(address).Encode)));
        Assert.Equal(address, SignOnRequest.TryDecode(Convert.FromHexString(hex)).Value.DeviceAddress);
    }

    [Theory]
    [InlineData("/LGZ5\\2ZMD3104407.B41\r\n", "LGZ", '5', 9600, ProtocolMode.C, true, false)]
    [InlineData("/ISk5MT174-0001\r\n", "ISk", '5', 9600, ProtocolMode.C, false, true)]
    [InlineData("/ABC6DEVICE\r\n", "ABC", '6', 19200, ProtocolMode.C, false, false)]
    [InlineData("/XYZEMETER\r\n", "XYZ", 'E', 9600, ProtocolMode.B, false, false)]
    public void Identification_tells_manufacturer_baud_rate_and_mode(string text, string manufacturer, char z, int baud, ProtocolMode mode, bool modeE, bool fast)
    {
        // IEC 62056-21 §6.3.2 /XXXZ Ident CR LF; §6.3.14 items 12 and 13 for the reaction time and Z.
        var message = IdentificationMessage.TryDecode(Encoding.ASCII.GetBytes(text)).Value;
        Assert.Equal((manufacturer, z, baud, mode, modeE, fast), (message.Manufacturer, message.BaudRateCharacter, message.BaudRate, message.Mode, message.SupportsModeE, message.ShortReactionTime));
        Assert.Equal(text, Encoding.ASCII.GetString(Encode(message.Encode)));
    }

    [Fact]
    public void Option_select_for_a_9600_baud_readout_is_ack_0_5_0_crlf()
    {
        // IEC 62056-21 §6.3.3: ACK V Z Y CR LF — normal protocol, Z = 5 (9600 baud), data readout.
        var bytes = Encode(OptionSelectMessage.DataReadout(9600).Encode);
        Assert.Equal("063035300D0A", Convert.ToHexString(bytes));
        Assert.Equal(new OptionSelectMessage('0', '5', '0'), OptionSelectMessage.TryDecode(bytes).Value);
    }

    [Fact]
    public void Data_message_carries_a_bcc_over_everything_after_stx_and_reads_back_typed_values()
    {
        var message = new DataMessage([new DataSet("1.8.0", "001234.567", "kWh"), new DataSet("32.7.0", "231.4", "V"), new DataSet("C.1.0", "12345678")]);
        var bytes = Encode(message.Encode);

        // IEC 62056-21 §6.3.4: STX data ! CR LF ETX BCC, the BCC being the XOR of the bytes after STX through ETX.
        Assert.Equal("\u00021.8.0(001234.567*kWh)\r\n32.7.0(231.4*V)\r\nC.1.0(12345678)\r\n!\r\n\u0003", Encoding.ASCII.GetString(bytes[..^1]));
        Assert.Equal(bytes[1..^1].Aggregate((byte)0, (bcc, b) => (byte)(bcc ^ b)), bytes[^1]);
        var decoded = DataMessage.TryDecode(bytes).Value;
        Assert.Equal(message.DataSets, decoded.DataSets);
        Assert.Equal(
            [new MeterValue(Obis.Parse("1-0:1.8.0"), 1234.567m, "kWh"), new MeterValue(Obis.Parse("1-0:32.7.0"), 231.4m, "V"), new MeterValue(Obis.Parse("1-0:96.1.0"), 12345678m, "")],
            decoded.Values());
    }

    [Fact]
    public void A_line_with_several_data_sets_and_a_capture_time_keeps_the_address()
    {
        var body = "\u00021.6.0(02.35*kW)(2301011200)2.8.0(1*Wh)\r\n!\r\n\u0003"u8.ToArray();
        byte[] bytes = [.. body, body[1..].Aggregate((byte)0, (bcc, b) => (byte)(bcc ^ b))];
        Assert.Equal(
            [new DataSet("1.6.0", "02.35", "kW"), new DataSet("1.6.0", "2301011200"), new DataSet("2.8.0", "1", "Wh")],
            DataMessage.TryDecode(bytes).Value.DataSets);
    }

    [Fact]
    public void A_wrong_bcc_is_a_checksum_error()
    {
        var bytes = Encode(new DataMessage([new DataSet("1.8.0", "1", "kWh")]).Encode);
        bytes[^1] ^= 0x01;
        Assert.Equal(ProtocolErrorKind.BadChecksum, DataMessage.TryDecode(bytes).Error.Kind);
        Assert.True(DataMessage.TryDecode(bytes.AsSpan(0, 5)).IsIncomplete);
    }

    [Fact]
    public void Random_data_sets_survive_encode_and_decode()
    {
        var text = Gen.ArrayOf(Gen.Elements("0123456789.ABCxyz-:".ToCharArray())).Select(c => new string(c)).Where(s => s.Length <= 16);
        var set = from address in text
                  from value in text
                  from unit in Gen.Elements("", "kWh", "V", "A", "kvarh")
                  select new DataSet(address, value, unit);
        Properties.ForAll(Gen.NonEmptyListOf(set), sets =>
        {
            var message = new DataMessage([.. sets]);
            var decoded = DataMessage.TryDecode(Encode(message.Encode));
            // An empty address continues the previous data set on the line; each set has its own line here.
            return decoded.IsSuccess && decoded.Value.DataSets.Count == sets.Count
                && decoded.Value.DataSets.Zip(sets).All(p => p.First.Value == p.Second.Value && p.First.Unit == p.Second.Unit);
        });
    }

    [Fact]
    public void Random_bytes_never_throw_from_any_mode_c_decoder()
    {
        Properties.ForAll(Properties.Bytes(80), bytes =>
        {
            _ = SignOnRequest.TryDecode(bytes);
            _ = IdentificationMessage.TryDecode(bytes);
            _ = OptionSelectMessage.TryDecode(bytes);
            _ = DataMessage.TryDecode(bytes);
            _ = DataMessage.TryDecode([0x02, .. bytes]);
        });
    }

    private static byte[] Encode(Action<IBufferWriter<byte>> encode)
    {
        var buffer = new ArrayBufferWriter<byte>();
        encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
