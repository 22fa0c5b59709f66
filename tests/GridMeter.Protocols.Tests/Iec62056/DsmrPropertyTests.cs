using FsCheck.Fluent;
using GridMeter.Protocols.Iec62056;

namespace GridMeter.Protocols.Tests.Iec62056;

public sealed class DsmrPropertyTests
{
    private static readonly Obis[] Registers =
    [
        Obis.Parse("1-0:1.8.1"), Obis.Parse("1-0:1.8.2"), Obis.Parse("1-0:2.8.1"), Obis.Parse("1-0:2.8.2"),
        Obis.Parse("1-0:1.7.0"), Obis.Parse("1-0:21.7.0"), Obis.Parse("1-0:32.7.0"), Obis.Parse("1-0:31.7.0"),
    ];

    [Fact]
    public void Random_register_values_survive_the_telegram_builder_and_parser()
    {
        var value = from obis in Gen.Elements(Registers)
                    from units in Gen.Choose(0, 999_999)
                    from thousandths in Gen.Choose(0, 999)
                    select (Obis: obis, Value: units + (thousandths / 1000m));
        Properties.ForAll(Gen.NonEmptyListOf(value), values =>
        {
            var builder = new DsmrTelegramBuilder("GMT5\\2GridMeter");
            foreach (var (obis, v) in values)
            {
                builder.AddValue(obis, v, "kWh", 6, 3);
            }
            var parsed = DsmrParser.Parse(builder.ToArray(), DsmrOptions.Default with { RequireChecksum = true });
            return parsed.IsSuccess && parsed.Value.Values.Select(m => (m.Obis, m.Value)).SequenceEqual(values);
        });
    }

    [Fact]
    public void Random_and_damaged_bytes_give_an_error_value_never_an_exception()
    {
        Properties.ForAll(Properties.Bytes(200), bytes => _ = DsmrParser.Parse(bytes));
        var original = DsmrCapture.Bytes("fluvius_v171.txt");
        var checkedLength = Array.IndexOf(original, (byte)'!') + 5;
        Properties.ForAll(Properties.Damaged(original), bytes =>
        {
            _ = DsmrParser.Parse(bytes);
            _ = DsmrParser.TryFindTelegram(bytes, out _, out _);
        });
    }

    [Fact]
    public void A_telegram_with_any_one_byte_changed_before_its_crc_ends_fails_the_check()
    {
        var original = DsmrCapture.Bytes("fluvius_v171.txt");
        var checkedLength = Array.IndexOf(original, (byte)'!') + 5;
        var changes = Gen.Zip(Gen.Choose(0, checkedLength - 1), Gen.Choose(1, 255));
        // A telegram that carries a CRC (DSMR 4 and 5) is read with the CRC required.
        Properties.ForAll(changes, change =>
        {
            var (at, flip) = change;
            var bytes = (byte[])original.Clone();
            bytes[at] ^= (byte)flip;
            // CRC-16 catches every single changed byte; the one change that may pass is the case of a
            // hex letter in the CRC itself, which names the same number.
            var sameCrc = at >= checkedLength - 4 && char.ToUpperInvariant((char)bytes[at]) == char.ToUpperInvariant((char)original[at]);
            return !DsmrParser.Parse(bytes, DsmrOptions.Default with { RequireChecksum = true }).IsSuccess || sameCrc;
        });
    }

    [Fact]
    public void Any_twelve_digits_and_a_letter_parse_to_a_timestamp_or_false_never_an_exception()
    {
        var text = Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), 12)
            .SelectMany(digits => Gen.Elements("S", "W", "X", "").Select(letter => new string(digits) + letter));
        Properties.ForAll(text, t =>
            !DsmrTimestamp.TryParse(t, DsmrTimeZone.CentralEurope, out var at) || at.Offset == TimeSpan.FromHours(t.EndsWith('S') ? 2 : 1));
    }
}
