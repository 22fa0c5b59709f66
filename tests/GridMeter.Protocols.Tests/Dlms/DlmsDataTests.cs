using System.Globalization;
using FsCheck.Fluent;
using GridMeter.Protocols.Dlms;

namespace GridMeter.Protocols.Tests.Dlms;

public sealed class DlmsDataTests
{
    public static TheoryData<string, DlmsData> Encodings => new()
    {
        // IEC 62056-6-2 §4.1.5 tags: 00 null, 03 boolean, 0F integer, 10 long, 11 unsigned, 12 long-unsigned,
        // 05/06 double-long(-unsigned), 14/15 long64(-unsigned), 16 enum, 17 float32, 18 float64, 09 octet-string, 0A visible-string.
        { "00", DlmsData.Null },
        { "0301", DlmsData.Boolean(true) },
        { "0FFD", DlmsData.Int8(-3) },
        { "10FF38", DlmsData.Int16(-200) },
        { "1120", DlmsData.UInt8(32) },
        { "1208FD", DlmsData.UInt16(2301) },
        { "05FFFFFFFE", DlmsData.Int32(-2) },
        { "0600BC614E", DlmsData.UInt32(12345678) },
        { "14FFFFFFFFFFFFFFFF", DlmsData.Int64(-1) },
        { "150000000000000400", DlmsData.UInt64(1024) },
        { "161E", DlmsData.Enum(30) },
        { "174366199A", DlmsData.Float32(230.1f) },
        { "18406CC33333333333", DlmsData.Float64(230.1) },
        { "0906000001000 0FF", DlmsData.OctetString([0, 0, 1, 0, 0, 0xFF]) },
        { "0A034D5452", DlmsData.VisibleString("MTR") },
        { "020212000809060000010000FF", DlmsData.Structure(DlmsData.UInt16(8), DlmsData.OctetString([0, 0, 1, 0, 0, 0xFF])) },
        { "0102110111 02", DlmsData.Array(DlmsData.UInt8(1), DlmsData.UInt8(2)) },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Data_types_encode_as_a_xdr_tag_and_value(string hex, DlmsData value)
    {
        var bytes = Hex.Bytes(hex);
        Assert.Equal(Hex.Of(bytes), Hex.Of(DlmsDataCodec.ToArray(value)));
        var decoded = DlmsDataCodec.TryDecode(bytes);
        Assert.Equal(value, decoded.Value);
        Assert.Equal(bytes.Length, decoded.Consumed);
    }

    [Fact]
    public void Floats_read_as_the_decimal_the_meter_meant()
    {
        Assert.Equal(230.1m, DlmsData.Float32(230.1f).ToDecimal());
        Assert.Equal(50.02m, DlmsDataCodec.TryDecode(Hex.Bytes("07424814 7B")).Value.ToDecimal());
        Assert.Null(DlmsData.Float32(float.NaN).ToDecimal());
        Assert.True(DlmsDataCodec.TryDecode(Hex.Bytes("03FF")).Value.ToBoolean());
    }

    [Fact]
    public void Date_time_deviation_is_utc_minus_local_so_cest_is_minus_120()
    {
        // Blue Book §4.1.6.1: 2024-06-15 Sat 20:23:45, deviation −120, status 0x80 (daylight saving active).
        var bytes = Hex.Bytes("07E8060F06141 72D00FF8880");
        var time = CosemDateTime.TryRead(bytes).Value;
        Assert.Equal(DateTimeOffset.Parse("2024-06-15T20:23:45+02:00", CultureInfo.InvariantCulture), time.ToDateTimeOffset());
        Assert.True(time.Status.HasFlag(ClockStatus.DaylightSavingActive));
        Assert.Equal(Hex.Of(bytes), Hex.Of(CosemDateTime.From(time.ToDateTimeOffset()!.Value, daylightSaving: true).ToBytes()));
        Assert.Null((time with { Deviation = CosemDateTime.DeviationNotSpecified }).ToDateTimeOffset());
        Assert.Null((time with { Month = 0xFF }).ToDateTimeOffset());
    }

    [Fact]
    public void Load_profile_buffer_turns_into_rows_in_kwh_with_their_capture_times()
    {
        var columns = new[]
        {
            new CaptureObject(CosemClock.ClassId, Obis.Clock, 2),
            new CaptureObject(1, Obis.Parse("0-0:96.10.1"), 2),
            new CaptureObject(CosemRegister.ClassId, Obis.Parse("1-0:1.8.0"), 2),
        };
        var start = DateTimeOffset.Parse("2026-11-21T10:00:00+01:00", CultureInfo.InvariantCulture);
        var buffer = DlmsData.Array(
            DlmsData.Structure(DlmsData.DateTimeOctets(CosemDateTime.From(start)), DlmsData.UInt8(0), DlmsData.UInt32(1234567)),
            DlmsData.Structure(DlmsData.Null, DlmsData.UInt8(8), DlmsData.UInt32(1234890)));
        var wireColumns = ProfileGeneric.ReadCaptureObjects(DlmsDataCodec.TryDecode(DlmsDataCodec.ToArray(ProfileGeneric.CaptureObjectsData(columns))).Value).Value;
        Assert.Equal(columns, wireColumns);

        var rows = ProfileGeneric.ReadBuffer(buffer, wireColumns, new Dictionary<Obis, ScalerUnit> { [Obis.Parse("1-0:1.8.0")] = new(0, DlmsUnit.WattHour) }, TimeSpan.FromMinutes(15)).Value;

        Assert.Equal(2, rows.Count);
        Assert.Equal(start.AddMinutes(15), rows[1].Timestamp);
        Assert.Equal(new MeterValue(Obis.Parse("1-0:1.8.0"), 1234.567m, "kWh", start), rows[0].Values[1]);
        Assert.Equal(new MeterValue(Obis.Parse("0-0:96.10.1"), 8m, "", start.AddMinutes(15)), rows[1].Values[0]);
        Assert.False(ProfileGeneric.ReadBuffer(DlmsData.Array(DlmsData.Structure(DlmsData.Null)), columns, new Dictionary<Obis, ScalerUnit>(), TimeSpan.Zero).IsSuccess);
    }

    [Fact]
    public void Hostile_counts_and_nesting_are_refused_before_anything_is_allocated()
    {
        Assert.Equal(ProtocolErrorKind.Malformed, DlmsDataCodec.TryDecode(Hex.Bytes("0183FFFFFF00")).Error.Kind);
        Assert.Equal(ProtocolErrorKind.Malformed, DlmsDataCodec.TryDecode([.. Enumerable.Repeat<byte>(0x01, 40).SelectMany(b => new byte[] { b, 0x01 }), 0x00]).Error.Kind);
        Assert.Equal(ProtocolErrorKind.Unsupported, DlmsDataCodec.TryDecode(Hex.Bytes("1301")).Error.Kind);
    }

    [Fact]
    public void Random_data_trees_survive_encode_and_decode()
    {
        Properties.ForAll(DataGen.Value(3), value => value.Equals(DlmsDataCodec.TryDecode(DlmsDataCodec.ToArray(value)).Value));
    }

    [Fact]
    public void Random_bytes_never_throw_from_any_dlms_decoder()
    {
        Properties.ForAll(Properties.Bytes(64), bytes =>
        {
            _ = DlmsDataCodec.TryDecode(bytes);
            _ = Aarq.TryDecode(bytes);
            _ = Aarq.TryDecode([0x60, (byte)bytes.Length, .. bytes]);
            _ = Aare.TryDecode([0x61, (byte)bytes.Length, .. bytes]);
            _ = GetRequest.TryDecode([0xC0, .. bytes]);
            _ = GetResponse.TryDecode([0xC4, .. bytes]);
            _ = ActionRequest.TryDecode([0xC3, .. bytes]);
            _ = ActionResponse.TryDecode([0xC7, .. bytes]);
            _ = CosemDateTime.TryRead(bytes);
            if (bytes.Length >= 12)
            {
                _ = CosemDateTime.TryRead(bytes.AsSpan(0, 12)).Value.ToDateTimeOffset();
            }
        });
    }
}
