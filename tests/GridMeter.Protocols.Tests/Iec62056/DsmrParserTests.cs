using System.Text;
using GridMeter.Protocols.Iec62056;

namespace GridMeter.Protocols.Tests.Iec62056;

public sealed class DsmrParserTests
{
    [Fact]
    public void Every_single_bit_flip_in_a_dsmr_5_telegram_fails_the_crc()
    {
        var original = DsmrCapture.Bytes("v5.txt");
        var end = Array.IndexOf(original, (byte)'!') + 5;
        var badChecksums = 0;
        for (var position = 0; position < end; position++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var damaged = (byte[])original.Clone();
                damaged[position] ^= (byte)(1 << bit);
                var result = DsmrParser.Parse(damaged);
                Assert.False(result.IsSuccess, $"byte {position} bit {bit} went unnoticed");
                badChecksums += result.Error.Kind == ProtocolErrorKind.BadChecksum ? 1 : 0;
            }
        }
        // Flips of "/", "!" or the CRC digits break the frame itself; every other one is a CRC mismatch.
        Assert.True(badChecksums > (end - 8) * 7, $"only {badChecksums} of {end * 8} flips were CRC mismatches");
    }

    [Fact]
    public void A_telegram_with_a_wrong_crc_is_refused_with_both_values_in_the_message()
    {
        var bytes = DsmrCapture.Bytes("v5.txt");
        var bang = Array.IndexOf(bytes, (byte)'!');
        bytes[bang + 1] = (byte)'7';
        var result = DsmrParser.Parse(bytes);
        Assert.Equal(ProtocolErrorKind.BadChecksum, result.Error.Kind);
        Assert.Contains("6EEE computed", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ISK5\\2M550T-1012\r\n\r\n1-0:1.8.1(000001.000*kWh)\r\n", ProtocolErrorKind.Incomplete)]
    [InlineData("no header here!\r\n", ProtocolErrorKind.Malformed)]
    [InlineData("/ISK5\\2M550T-1012\r\n\r\n1-0:1.8.1(000001.000*kWh\r\n!\r\n", ProtocolErrorKind.Malformed)]
    [InlineData("/ISK5\\2M550T-1012\r\n\r\nnot a line\r\n!\r\n", ProtocolErrorKind.Malformed)]
    [InlineData("/ISK5\\2M550T-1012\r\n\r\n1-0:1.8.1(1)\r\n!XYZ1\r\n", ProtocolErrorKind.Malformed)]
    public void Broken_telegrams_give_a_clear_error(string text, ProtocolErrorKind kind)
    {
        var result = DsmrParser.Parse(Encoding.ASCII.GetBytes(text));
        Assert.False(result.IsSuccess);
        Assert.Equal(kind, result.Error.Kind);
    }

    [Fact]
    public void Checksum_can_be_required_for_dsmr_5_meters()
    {
        var result = DsmrParser.Parse(DsmrCapture.Bytes("v3.txt"), DsmrOptions.Default with { RequireChecksum = true });
        Assert.Equal(ProtocolErrorKind.Malformed, result.Error.Kind);
    }

    [Fact]
    public void Stream_framing_finds_each_easymeter_telegram_and_skips_the_trailer()
    {
        var first = DsmrCapture.Bytes("esy5q3db1024_v304.txt");
        var second = DsmrCapture.Bytes("v5.txt");
        byte[] stream = [.. first, .. second];
        Assert.True(DsmrParser.TryFindTelegram(stream, out var start, out var length));
        Assert.Equal(0, start);
        Assert.Equal(52185.7825309m, DsmrParser.Parse(stream.AsSpan(start, length)).Value.Values[0].Value);
        var rest = stream.AsSpan(start + length);
        Assert.True(DsmrParser.TryFindTelegram(rest, out start, out length));
        Assert.Equal(first.Length - (Array.IndexOf(first, (byte)'!') + 3), start);
        Assert.Equal((ushort)0x6EEE, DsmrParser.Parse(rest.Slice(start, length)).Value.Crc);
        Assert.False(DsmrParser.TryFindTelegram(second.AsSpan(0, second.Length - 3), out _, out _));
    }

    [Fact]
    public void Builder_writes_a_telegram_whose_crc_and_values_parse_back()
    {
        var telegram = new DsmrTelegramBuilder("GMT5\\2GridMeter-1")
            .Add(new Obis(1, 3, 0, 2, 8), "50")
            .Add(Obis.Clock, DsmrTimestamp.Format(DsmrCapture.At("2026-07-01T10:15:00Z"), DsmrTimeZone.CentralEurope, summer: true))
            .AddText(new Obis(0, 0, 96, 1, 1), "GM0000000001")
            .AddValue(new Obis(1, 0, 1, 8, 1), 1234.5678m, "kWh", 6, 3)
            .AddValue(new Obis(1, 0, 32, 7, 0), 231.2m, "V", 3, 1)
            .AddStampedValue(new Obis(0, 1, 24, 2, 1), "260701121000S", 42.5m, "m3", 5, 3)
            .ToArray();

        var parsed = DsmrParser.Parse(telegram, DsmrOptions.Default with { RequireChecksum = true }).Value;

        Assert.Equal(DsmrCapture.At("2026-07-01T12:15:00+02:00"), parsed.Timestamp);
        Assert.Equal("GM0000000001", parsed.EquipmentId);
        Assert.Equal(
            [
                new MeterValue(new Obis(1, 0, 1, 8, 1), 1234.568m, "kWh"),
                new MeterValue(new Obis(1, 0, 32, 7, 0), 231.2m, "V"),
                new MeterValue(new Obis(0, 1, 24, 2, 1), 42.5m, "m3", DsmrCapture.At("2026-07-01T12:10:00+02:00")),
            ],
            parsed.Values);
        Assert.True(telegram.AsSpan().IndexOf("1-0:1.8.1(001234.568*kWh)\r\n"u8) > 0, "values keep the fixed DSMR layout");
    }

    [Fact]
    public void Winter_and_summer_letters_choose_the_offset_of_the_meter_zone()
    {
        Assert.True(DsmrTimestamp.TryParse("231029025959S", DsmrTimeZone.CentralEurope, out var summer));
        Assert.True(DsmrTimestamp.TryParse("231029020000W", DsmrTimeZone.CentralEurope, out var winter));
        Assert.Equal(DsmrCapture.At("2023-10-29T00:59:59Z"), summer);
        Assert.Equal(DsmrCapture.At("2023-10-29T01:00:00Z"), winter);
        Assert.True(DsmrTimestamp.TryParse("230702120000S", DsmrTimeZone.Ireland, out var irish));
        Assert.Equal(DsmrCapture.At("2023-07-02T11:00:00Z"), irish);
        Assert.False(DsmrTimestamp.TryParse("632525252525W", DsmrTimeZone.CentralEurope, out _));
        Assert.False(DsmrTimestamp.TryParse("230231000000W", DsmrTimeZone.CentralEurope, out _));
    }
}
