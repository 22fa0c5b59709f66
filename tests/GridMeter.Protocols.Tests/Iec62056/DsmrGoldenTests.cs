using GridMeter.Protocols.Iec62056;

namespace GridMeter.Protocols.Tests.Iec62056;

/// <summary>Every value of the Dutch DSMR 2.2 to 5.0 captures, as the telegram shows it.</summary>
public sealed class DsmrGoldenTests
{
    [Fact]
    public void Dsmr_2_2_telegram_reads_the_gas_reading_from_its_own_line()
    {
        var t = DsmrCapture.Parse("v2_2.txt");
        Assert.Null(t.Crc);
        Assert.Null(t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.1", 1.001m, "kWh", null),
            ("1-0:1.8.2", 1.001m, "kWh", null),
            ("1-0:2.8.1", 1.001m, "kWh", null),
            ("1-0:2.8.2", 1.001m, "kWh", null),
            ("0-0:96.14.0", 1m, "", null),
            ("1-0:1.7.0", 1.01m, "kW", null),
            ("1-0:2.7.0", 0.00m, "kW", null),
            ("0-0:17.0.0", 999.00m, "kW", null),
            ("0-0:96.3.10", 1m, "", null),
            ("0-1:24.1.0", 3m, "", null),
            ("0-1:24.2.1", 1.001m, "m3", "2016-11-07T19:00:00+01:00"),
            ("0-1:24.4.0", 1m, "", null));
        DsmrCapture.AssertTexts(
            t,
            ("0-0:96.1.1", "00000000000000"),
            ("0-0:96.13.1", ""),
            ("0-0:96.13.0", ""),
            ("0-1:96.1.0", "000000000000"));
        Assert.Equal(new DsmrMBusDevice(1, 3, "000000000000", t.Values[10]), t.MBusDevices.Single());
    }

    [Fact]
    public void Dsmr_3_telegram_decodes_hex_equipment_ids_and_text_messages()
    {
        var t = DsmrCapture.Parse("v3.txt");
        Assert.Null(t.Crc);
        Assert.Null(t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.1", 12345.678m, "kWh", null),
            ("1-0:1.8.2", 12345.678m, "kWh", null),
            ("1-0:2.8.1", 12345.678m, "kWh", null),
            ("1-0:2.8.2", 12345.678m, "kWh", null),
            ("0-0:96.14.0", 2m, "", null),
            ("1-0:1.7.0", 1.19m, "kW", null),
            ("1-0:2.7.0", 0.00m, "kW", null),
            ("0-0:17.0.0", 16m, "A", null),
            ("0-0:96.3.10", 1m, "", null),
            ("0-1:24.1.0", 3m, "", null),
            ("0-1:24.2.1", 1.001m, "m3", "2009-02-12T16:00:00+01:00"),
            ("0-1:24.4.0", 1m, "", null));
        DsmrCapture.AssertTexts(
            t,
            ("0-0:96.1.1", "K8EG004046395507"),
            ("0-0:96.13.1", "012345678"),
            ("0-0:96.13.0", "0123456789:;<=>?0123456789:;<=>?0123456789:;<=>?0123456789:;<=>?0123456789:;<=>?"),
            ("0-1:96.1.0", "2222ABCD123456789"));
        Assert.Equal("K8EG004046395507", t.EquipmentId);
        Assert.Equal(new DsmrMBusDevice(1, 3, "2222ABCD123456789", t.Values[^2]), t.MBusDevices.Single());
    }

    [Fact]
    public void Dsmr_4_2_telegram_reports_registers_and_the_power_failure_log()
    {
        var t = DsmrCapture.Parse("v4_2.txt");
        Assert.Equal((ushort)0x6796, t.Crc);
        Assert.Equal(DsmrCapture.At("2016-11-13T20:57:57+01:00"), t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.1", 1581.123m, "kWh", null),
            ("1-0:1.8.2", 1435.706m, "kWh", null),
            ("1-0:2.8.1", 0.000m, "kWh", null),
            ("1-0:2.8.2", 0.000m, "kWh", null),
            ("0-0:96.14.0", 2m, "", null),
            ("1-0:1.7.0", 2.027m, "kW", null),
            ("1-0:2.7.0", 0.000m, "kW", null),
            ("0-0:96.7.21", 15m, "", null),
            ("0-0:96.7.9", 7m, "", null),
            ("1-0:32.32.0", 0m, "", null),
            ("1-0:52.32.0", 0m, "", null),
            ("1-0:72.32.0", 0m, "", null),
            ("1-0:32.36.0", 0m, "", null),
            ("1-0:52.36.0", 0m, "", null),
            ("1-0:72.36.0", 0m, "", null),
            ("1-0:31.7.0", 0m, "A", null),
            ("1-0:51.7.0", 6m, "A", null),
            ("1-0:71.7.0", 2m, "A", null),
            ("1-0:21.7.0", 0.170m, "kW", null),
            ("1-0:22.7.0", 0.000m, "kW", null),
            ("1-0:41.7.0", 1.247m, "kW", null),
            ("1-0:42.7.0", 0.000m, "kW", null),
            ("1-0:61.7.0", 0.209m, "kW", null),
            ("1-0:62.7.0", 0.000m, "kW", null),
            ("0-1:24.1.0", 3m, "", null),
            ("0-1:24.2.1", 981.443m, "m3", "2016-11-29T20:00:00+01:00"));
        DsmrCapture.AssertTexts(
            t,
            ("1-3:0.2.8", "42"),
            ("0-0:96.1.1", "3960221976967177082151037881335713"),
            ("0-0:96.13.1", ""),
            ("0-0:96.13.0", ""),
            ("0-1:96.1.0", "4819243993373755377509728609491464"));
        Assert.Equal("42", t.Version);
        Assert.Equal(
            [
                new DsmrPowerFailure(DsmrCapture.At("2000-01-04T18:03:20+01:00"), TimeSpan.FromSeconds(237126)),
                new DsmrPowerFailure(DsmrCapture.At("2000-01-01T00:00:01+01:00"), TimeSpan.FromSeconds(2147583646)),
                new DsmrPowerFailure(DsmrCapture.At("2000-01-02T00:00:03+01:00"), TimeSpan.FromSeconds(2317482647)),
            ],
            t.PowerFailures);
    }

    [Fact]
    public void Dsmr_5_telegram_reports_every_register_per_tariff_and_phase()
    {
        var t = DsmrCapture.Parse("v5.txt");
        Assert.Equal((ushort)0x6EEE, t.Crc);
        Assert.Equal(DsmrCapture.At("2017-01-02T19:20:02+01:00"), t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.1", 4.426m, "kWh", null),
            ("1-0:1.8.2", 2.399m, "kWh", null),
            ("1-0:2.8.1", 2.444m, "kWh", null),
            ("1-0:2.8.2", 0.000m, "kWh", null),
            ("0-0:96.14.0", 2m, "", null),
            ("1-0:1.7.0", 0.244m, "kW", null),
            ("1-0:2.7.0", 0.000m, "kW", null),
            ("0-0:96.7.21", 13m, "", null),
            ("0-0:96.7.9", 0m, "", null),
            ("1-0:32.32.0", 0m, "", null),
            ("1-0:52.32.0", 0m, "", null),
            ("1-0:72.32.0", 0m, "", null),
            ("1-0:32.36.0", 0m, "", null),
            ("1-0:52.36.0", 0m, "", null),
            ("1-0:72.36.0", 0m, "", null),
            ("1-0:32.7.0", 230.0m, "V", null),
            ("1-0:52.7.0", 230.0m, "V", null),
            ("1-0:72.7.0", 229.0m, "V", null),
            ("1-0:31.7.0", 0.48m, "A", null),
            ("1-0:51.7.0", 0.44m, "A", null),
            ("1-0:71.7.0", 0.86m, "A", null),
            ("1-0:21.7.0", 0.070m, "kW", null),
            ("1-0:41.7.0", 0.032m, "kW", null),
            ("1-0:61.7.0", 0.142m, "kW", null),
            ("1-0:22.7.0", 0.000m, "kW", null),
            ("1-0:42.7.0", 0.000m, "kW", null),
            ("1-0:62.7.0", 0.000m, "kW", null),
            ("0-1:24.1.0", 3m, "", null),
            ("0-1:24.2.1", 0.107m, "m3", "2017-01-02T16:10:05+01:00"),
            ("0-2:24.1.0", 3m, "", null));
        DsmrCapture.AssertTexts(
            t,
            ("1-3:0.2.8", "50"),
            ("0-0:96.1.1", "K8EG004046395507"),
            ("0-0:96.13.0", ""),
            ("0-1:96.1.0", "2222ABCD123456789"),
            ("0-2:96.1.0", ""));
        Assert.Empty(t.PowerFailures);
        Assert.Equal([1, 2], t.MBusDevices.Select(d => (int)d.Channel));
        Assert.Null(t.MBusDevices[1].Reading);
    }

    [Fact]
    public void Dsmr_5_telegram_with_two_mbus_devices_reports_each_with_its_capture_time()
    {
        var t = DsmrCapture.Parse("v5_two_mbus.txt");
        Assert.Equal((ushort)0x56DD, t.Crc);
        Assert.Equal(DsmrCapture.At("2020-04-26T22:33:25+02:00"), t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("1-0:1.8.1", 2130.115m, "kWh", null),
            ("1-0:1.8.2", 245.467m, "kWh", null),
            ("1-0:2.8.1", 0.000m, "kWh", null),
            ("1-0:2.8.2", 0.000m, "kWh", null),
            ("0-0:96.14.0", 1m, "", null),
            ("1-0:1.7.0", 0.111m, "kW", null),
            ("1-0:2.7.0", 0.000m, "kW", null),
            ("0-0:96.7.21", 5m, "", null),
            ("0-0:96.7.9", 3m, "", null),
            ("1-0:32.32.0", 1m, "", null),
            ("1-0:52.32.0", 1m, "", null),
            ("1-0:72.32.0", 192m, "", null),
            ("1-0:32.36.0", 1m, "", null),
            ("1-0:52.36.0", 1m, "", null),
            ("1-0:72.36.0", 1m, "", null),
            ("1-0:32.7.0", 229.9m, "V", null),
            ("1-0:52.7.0", 229.2m, "V", null),
            ("1-0:72.7.0", 222.9m, "V", null),
            ("1-0:31.7.0", 0m, "A", null),
            ("1-0:51.7.0", 0m, "A", null),
            ("1-0:71.7.0", 1m, "A", null),
            ("1-0:21.7.0", 0.056m, "kW", null),
            ("1-0:41.7.0", 0.000m, "kW", null),
            ("1-0:61.7.0", 0.055m, "kW", null),
            ("1-0:22.7.0", 0.000m, "kW", null),
            ("1-0:42.7.0", 0.000m, "kW", null),
            ("1-0:62.7.0", 0.000m, "kW", null),
            ("0-1:24.1.0", 3m, "", null),
            ("0-1:24.2.1", 0m, "", "1970-01-01T01:00:00+01:00"),
            ("0-2:24.1.0", 3m, "", null),
            ("0-2:24.2.1", 246.138m, "m3", "2020-04-26T22:30:01+02:00"));
        DsmrCapture.AssertTexts(
            t,
            ("1-3:0.2.8", "50"),
            ("0-0:96.1.1", "E0044007382246019"),
            ("0-0:96.13.0", ""),
            ("0-1:96.1.0", ""),
            ("0-2:96.1.0", "G0039001936990619"));
        Assert.Equal([new DsmrPowerFailure(DsmrCapture.At("2019-03-26T09:50:15+01:00"), TimeSpan.FromSeconds(2014))], t.PowerFailures);
        Assert.Equal("G0039001936990619", t.MBusDevices[1].EquipmentId);
        Assert.Equal(246.138m, t.MBusDevices[1].Reading?.Value);
    }

    [Fact]
    public void Heat_meter_telegram_accepts_a_crc_without_its_leading_zero()
    {
        var t = DsmrCapture.Parse("unpadded_crc.txt");
        Assert.Equal((ushort)0x0B9F, t.Crc);
        Assert.Equal(DsmrCapture.At("2026-02-15T20:05:23+01:00"), t.Timestamp);
        DsmrCapture.AssertValues(
            t,
            ("0-1:24.1.0", 4m, "", null),
            ("0-1:24.2.1", 240.860m, "GJ", "2026-02-15T20:05:23+01:00"));
        DsmrCapture.AssertTexts(
            t,
            ("1-3:0.2.8", "50"),
            ("0-0:96.1.1", "ADC3100000158491"),
            ("0-0:96.13.1", ""),
            ("0-0:96.13.0", ""),
            ("0-1:96.1.0", "621848012D2C0B0C"));
        Assert.Equal(new DsmrMBusDevice(1, 4, "621848012D2C0B0C", t.Values[1]), t.MBusDevices.Single());
    }
}
