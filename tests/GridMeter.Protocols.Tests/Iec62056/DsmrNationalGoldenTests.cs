using GridMeter.Protocols.Iec62056;

namespace GridMeter.Protocols.Tests.Iec62056;

/// <summary>Every value of the Belgian, Irish, Luxembourg, Hungarian and German captures.</summary>
public sealed class DsmrNationalGoldenTests
{
    [Fact]
    public void Fluvius_telegram_reports_both_tariff_registers_gas_and_water()
    {
        var t = DsmrCapture.Parse("fluvius_v171.txt");
        Assert.Equal((ushort)0x3AD7, t.Crc);
        Assert.Equal(DsmrCapture.At("2020-05-12T13:54:09+02:00"), t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.1", 0.034m, "kWh", null),
            ("1-0:1.8.2", 15.758m, "kWh", null),
            ("1-0:2.8.1", 0.000m, "kWh", null),
            ("1-0:2.8.2", 0.011m, "kWh", null),
            ("1-0:1.4.0", 2.351m, "kW", null),
            ("1-0:1.6.0", 2.589m, "kW", "2020-05-09T13:45:58+02:00"),
            ("0-0:96.14.0", 1m, "", null),
            ("1-0:1.7.0", 0.000m, "kW", null),
            ("1-0:2.7.0", 0.000m, "kW", null),
            ("1-0:21.7.0", 0.000m, "kW", null),
            ("1-0:41.7.0", 0.000m, "kW", null),
            ("1-0:61.7.0", 0.000m, "kW", null),
            ("1-0:22.7.0", 0.000m, "kW", null),
            ("1-0:42.7.0", 0.000m, "kW", null),
            ("1-0:62.7.0", 0.000m, "kW", null),
            ("1-0:32.7.0", 234.7m, "V", null),
            ("1-0:52.7.0", 234.7m, "V", null),
            ("1-0:72.7.0", 234.7m, "V", null),
            ("1-0:31.7.0", 0.00m, "A", null),
            ("1-0:51.7.0", 0.00m, "A", null),
            ("1-0:71.7.0", 0.00m, "A", null),
            ("0-0:96.3.10", 1m, "", null),
            ("0-0:17.0.0", 999.9m, "kW", null),
            ("1-0:31.4.0", 999m, "A", null),
            ("0-1:24.1.0", 3m, "", null),
            ("0-1:24.4.0", 1m, "", null),
            ("0-1:24.2.3", 112.384m, "m3", "2020-05-12T13:45:58+02:00"),
            ("0-2:24.1.0", 7m, "", null),
            ("0-2:24.2.1", 872.234m, "m3", "2020-05-12T13:45:58+02:00"));
        DsmrCapture.AssertTexts(
            t,
            ("0-0:96.1.4", "50217"),
            ("0-0:96.1.1", "1SAG3101021605"),
            ("0-0:96.13.0", ""),
            ("0-1:96.1.1", "7FLO2119033733"),
            ("0-2:96.1.1", "8SAG1234567890"));
        Assert.Equal("50217", t.Version);
        Assert.Equal(
            [
                new DsmrDemandPeak(DsmrCapture.At("2020-05-01T00:00:00+02:00"), DsmrCapture.At("2020-04-23T19:25:38+02:00"), 3.695m),
                new DsmrDemandPeak(DsmrCapture.At("2020-04-01T00:00:00+02:00"), DsmrCapture.At("2020-03-05T12:21:39+02:00"), 5.980m),
                new DsmrDemandPeak(DsmrCapture.At("2020-03-01T00:00:00+02:00"), DsmrCapture.At("2020-02-10T03:54:21+01:00"), 4.318m),
            ],
            t.DemandPeaks);
        Assert.Equal([(1, 3), (2, 7)], t.MBusDevices.Select(d => ((int)d.Channel, d.DeviceType ?? 0)));
    }

    [Fact]
    public void Fluvius_winter_telegram_leaves_an_impossible_peak_date_empty()
    {
        var t = DsmrCapture.Parse("fluvius_v171_alt.txt");
        Assert.Equal((ushort)0xC4B0, t.Crc);
        Assert.Equal(DsmrCapture.At("2023-11-02T12:15:48+01:00"), t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.1", 301.548m, "kWh", null),
            ("1-0:1.8.2", 270.014m, "kWh", null),
            ("1-0:2.8.1", 0.005m, "kWh", null),
            ("1-0:2.8.2", 0.000m, "kWh", null),
            ("0-0:96.14.0", 1m, "", null),
            ("1-0:1.4.0", 0.052m, "kW", null),
            ("1-0:1.6.0", 3.064m, "kW", "2023-11-02T11:45:00+01:00"),
            ("1-0:1.7.0", 0.338m, "kW", null),
            ("1-0:2.7.0", 0.000m, "kW", null),
            ("1-0:21.7.0", 0.047m, "kW", null),
            ("1-0:41.7.0", 0.179m, "kW", null),
            ("1-0:61.7.0", 0.111m, "kW", null),
            ("1-0:22.7.0", 0.000m, "kW", null),
            ("1-0:42.7.0", 0.000m, "kW", null),
            ("1-0:62.7.0", 0.000m, "kW", null),
            ("1-0:32.7.0", 232.9m, "V", null),
            ("1-0:52.7.0", 228.1m, "V", null),
            ("1-0:72.7.0", 228.1m, "V", null),
            ("1-0:31.7.0", 0.27m, "A", null),
            ("1-0:51.7.0", 0.88m, "A", null),
            ("1-0:71.7.0", 0.52m, "A", null),
            ("0-0:96.3.10", 1m, "", null),
            ("0-0:17.0.0", 999.9m, "kW", null),
            ("1-0:31.4.0", 999m, "A", null),
            ("0-1:24.1.0", 3m, "", null),
            ("0-1:24.4.0", 1m, "", null),
            ("0-1:24.2.3", 92.287m, "m3", "2023-11-02T12:10:02+01:00"),
            ("0-2:24.1.0", 7m, "", null),
            ("0-2:24.2.1", 8.579m, "m3", "2023-11-02T12:15:32+01:00"));
        DsmrCapture.AssertTexts(
            t,
            ("0-0:96.1.4", "50217"),
            ("0-0:96.1.1", "1SAG3100721326"),
            ("0-0:96.13.0", ""),
            ("0-1:96.1.1", "7FLO2123088027"),
            ("0-2:96.1.1", "8SET0000961173"));
        Assert.Equal(
            [
                new DsmrDemandPeak(DsmrCapture.At("2023-08-01T00:00:00+02:00"), null, 0.000m),
                new DsmrDemandPeak(DsmrCapture.At("2023-09-01T00:00:00+02:00"), DsmrCapture.At("2023-08-31T18:15:00+02:00"), 1.862m),
                new DsmrDemandPeak(DsmrCapture.At("2023-10-01T00:00:00+02:00"), DsmrCapture.At("2023-09-10T18:30:00+02:00"), 4.229m),
                new DsmrDemandPeak(DsmrCapture.At("2023-11-01T00:00:00+01:00"), DsmrCapture.At("2023-10-16T13:00:00+02:00"), 4.927m),
            ],
            t.DemandPeaks);
    }

    [Fact]
    public void Irish_Iskra_telegram_reads_its_timestamp_in_irish_time()
    {
        var t = DsmrCapture.Parse("iskra_ie.txt", DsmrTimeZone.Ireland);
        Assert.Equal((ushort)0xAD3B, t.Crc);
        Assert.Equal(DsmrCapture.At("2023-02-02T13:27:47+01:00"), t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.1", 10.181m, "kWh", null),
            ("1-0:1.8.2", 10.182m, "kWh", null),
            ("1-0:2.8.1", 10.281m, "kWh", null),
            ("1-0:2.8.2", 10.282m, "kWh", null),
            ("0-0:96.14.0", 1m, "", null),
            ("1-0:1.7.0", 0.170m, "kW", null),
            ("1-0:2.7.0", 0.270m, "kW", null),
            ("1-0:21.7.0", 0.217m, "kW", null),
            ("1-0:41.7.0", 0.417m, "kW", null),
            ("1-0:61.7.0", 0.617m, "kW", null),
            ("1-0:22.7.0", 0.227m, "kW", null),
            ("1-0:42.7.0", 0.427m, "kW", null),
            ("1-0:62.7.0", 0.627m, "kW", null),
            ("1-0:32.7.0", 242.5m, "V", null),
            ("1-0:52.7.0", 241.7m, "V", null),
            ("1-0:72.7.0", 243.3m, "V", null),
            ("1-0:31.7.0", 0m, "A", null),
            ("1-0:51.7.0", 0m, "A", null),
            ("1-0:71.7.0", 0m, "A", null),
            ("0-0:96.3.10", 1m, "", null));
        DsmrCapture.AssertTexts(
            t,
            ("1-0:0.0.0", "00000000"),
            ("0-0:96.1.0", "09610"),
            ("0-0:96.13.0", ""),
            ("0-1:96.1.1", ""));
        Assert.Equal("ISk5\u0002MIE5T-200", t.Header);
    }

    [Fact]
    public void Luxembourg_Sagemcom_telegram_converts_Wh_and_varh_to_kWh_and_kvarh()
    {
        var t = DsmrCapture.Parse("sagemcom_t210_d_r.txt");
        Assert.Equal((ushort)0x7EF9, t.Crc);
        Assert.Equal(DsmrCapture.At("2022-10-06T15:50:14+02:00"), t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.0", 6545.766m, "kWh", null),
            ("1-0:1.8.1", 5017.12m, "kWh", null),
            ("1-0:1.8.2", 1528.646m, "kWh", null),
            ("1-0:1.7.0", 0.286m, "kW", null),
            ("1-0:2.8.0", 0.058m, "kWh", null),
            ("1-0:2.8.1", 0m, "kWh", null),
            ("1-0:2.8.2", 0.058m, "kWh", null),
            ("1-0:2.7.0", 0m, "kW", null),
            ("1-0:3.8.0", 0.747m, "kvarh", null),
            ("1-0:3.8.1", 0m, "kvarh", null),
            ("1-0:3.8.2", 0.747m, "kvarh", null),
            ("1-0:3.7.0", 0m, "kvar", null),
            ("1-0:4.8.0", 3897.726m, "kvarh", null),
            ("1-0:4.8.1", 2692.848m, "kvarh", null),
            ("1-0:4.8.2", 1204.878m, "kvarh", null),
            ("1-0:4.7.0", 0.166m, "kvar", null));
        DsmrCapture.AssertTexts(
            t,
            ("1-3:0.2.8", "50"));
        Assert.Equal("50", t.Version);
    }

    [Fact]
    public void Hungarian_EON_telegram_reports_reactive_registers_and_frequency()
    {
        var t = DsmrCapture.Parse("v5_eon_hu.txt");
        Assert.Equal((ushort)0x99DA, t.Crc);
        Assert.Equal(DsmrCapture.At("2023-07-24T15:07:30+02:00"), t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("0-0:96.14.0", 1m, "", null),
            ("0-0:96.3.10", 1m, "", null),
            ("0-0:17.0.0", 90.000m, "kW", null),
            ("1-0:1.8.0", 173.640m, "kWh", null),
            ("1-0:1.8.1", 47.719m, "kWh", null),
            ("1-0:1.8.2", 125.921m, "kWh", null),
            ("1-0:1.8.3", 0.000m, "kWh", null),
            ("1-0:1.8.4", 0.000m, "kWh", null),
            ("1-0:2.8.0", 627.177m, "kWh", null),
            ("1-0:2.8.1", 401.829m, "kWh", null),
            ("1-0:2.8.2", 225.348m, "kWh", null),
            ("1-0:2.8.3", 0.000m, "kWh", null),
            ("1-0:2.8.4", 0.000m, "kWh", null),
            ("1-0:3.8.0", 0.123m, "kvarh", null),
            ("1-0:4.8.0", 303.131m, "kvarh", null),
            ("1-0:5.8.0", 0.668m, "kvarh", null),
            ("1-0:6.8.0", 0.071m, "kvarh", null),
            ("1-0:7.8.0", 160.487m, "kvarh", null),
            ("1-0:8.8.0", 143.346m, "kvarh", null),
            ("1-0:15.8.0", 800.817m, "kWh", null),
            ("1-0:32.7.0", 240.4m, "V", null),
            ("1-0:52.7.0", 239.1m, "V", null),
            ("1-0:72.7.0", 241.2m, "V", null),
            ("1-0:31.7.0", 3m, "A", null),
            ("1-0:51.7.0", 4m, "A", null),
            ("1-0:71.7.0", 3m, "A", null),
            ("1-0:13.7.0", 4.556m, "", null),
            ("1-0:33.7.0", 4.591m, "", null),
            ("1-0:53.7.0", 4.542m, "", null),
            ("1-0:73.7.0", 4.552m, "", null),
            ("1-0:14.7.0", 50.00m, "Hz", null),
            ("1-0:1.7.0", 0.000m, "kW", null),
            ("1-0:2.7.0", 2.601m, "kW", null),
            ("1-0:5.7.0", 0.000m, "kvar", null),
            ("1-0:6.7.0", 0.000m, "kvar", null),
            ("1-0:7.7.0", 0.504m, "kvar", null),
            ("1-0:8.7.0", 0.000m, "kvar", null),
            ("1-0:31.4.0", 200.00m, "A", null),
            ("1-0:51.4.0", 200.00m, "A", null),
            ("1-0:71.4.0", 200.00m, "A", null));
        DsmrCapture.AssertTexts(
            t,
            ("0-0:42.0.0", "SAG3082200002160"),
            ("0-0:96.1.0", "890082200002160"),
            ("0-0:96.13.0", ""));
        // 0-0:98.1.0 is E.ON's billing snapshot: a timestamp and 19 values without OBIS codes, kept as fields.
        var billing = t.Objects.Single(o => o.Obis == Obis.Parse("0-0:98.1.0"));
        Assert.Equal(20, billing.Fields.Count);
        Assert.True(billing.TryGetTimestamp(0, DsmrTimeZone.CentralEurope, out var billed));
        Assert.Equal(DsmrCapture.At("2023-07-01T00:00:00+02:00"), billed);
        Assert.True(billing.TryGetNumber(13, out var total, out var unit));
        Assert.Equal((183.027m, "kWh"), (total, unit));
        Assert.True(billing.TryGetNumber(19, out var peak, out var peakUnit));
        Assert.Equal((3.400m, "kW"), (peak, peakUnit));
    }

    [Fact]
    public void EasyMeter_Q3DA_telegram_without_crc_reports_watts_as_kW()
    {
        var t = DsmrCapture.Parse("esy5q3da1004_v304.txt");
        Assert.Null(t.Crc);
        Assert.Null(t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.0", 32549.5061662m, "kWh", null),
            ("1-0:21.7.0", 0.55729m, "kW", null),
            ("1-0:41.7.0", 0.52162m, "kW", null),
            ("1-0:61.7.0", 0.6093m, "kW", null),
            ("1-0:1.7.0", 1.68821m, "kW", null));
        DsmrCapture.AssertTexts(
            t,
            ("1-0:0.0.0", "1336001560"),
            ("1-0:96.5.5", "80"),
            ("0-0:96.1.255", "1ESY1336001560"));
        Assert.Equal("ESY", t.Manufacturer);
    }

    [Fact]
    public void EasyMeter_Q3DB_telegram_ignores_the_trailer_after_the_exclamation_mark()
    {
        var t = DsmrCapture.Parse("esy5q3db1024_v304.txt");
        Assert.Null(t.Crc);
        Assert.Null(t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.0", 52185.7825309m, "kWh", null),
            ("1-0:2.8.0", 19949.3221493m, "kWh", null),
            ("1-0:21.7.0", 0.74785m, "kW", null),
            ("1-0:41.7.0", 0.73728m, "kW", null),
            ("1-0:61.7.0", 0.63973m, "kW", null),
            ("1-0:1.7.0", 2.12486m, "kW", null));
        DsmrCapture.AssertTexts(
            t,
            ("1-0:0.0.0", "0272031312565"),
            ("1-0:96.5.5", "80"),
            ("0-0:96.1.255", "1ESY1313002565"));
        Assert.Null(t.Timestamp);
    }
}
