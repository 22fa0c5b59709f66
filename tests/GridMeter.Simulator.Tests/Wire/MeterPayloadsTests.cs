using System.Text;
using System.Text.Json;
using GridMeter.Domain.Readings;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using GridMeter.Simulator.Wire;
using NodaTime;

namespace GridMeter.Simulator.Tests.Wire;

public sealed class MeterPayloadsTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 21, 10, 15);

    [Fact]
    public void Readings_payload_has_the_contract_shape_with_exact_numbers()
    {
        var snapshot = new RegisterSnapshot(At, new Dictionary<ObisCode, decimal>
        {
            [ObisCode.ActiveImport] = 1234.567m,
            [ObisCode.ActiveExport] = 0.0m,
        });

        var json = Encoding.UTF8.GetString(MeterPayloads.Readings([snapshot]));

        Assert.Equal("""{"readings":[{"ts":"2026-11-21T10:15:00Z","values":{"1-0:1.8.0":1234.567,"1-0:2.8.0":0.0}}]}""", json);
    }

    [Fact]
    public void Live_payload_carries_the_time_and_the_values()
    {
        var meter = Sample.Meter(HouseholdArchetype.Retired, 3, new LocalDate(2026, 11, 1));
        var live = meter.LiveAt(At);

        using var json = JsonDocument.Parse(MeterPayloads.Live(live));

        Assert.Equal("2026-11-21T10:15:00Z", json.RootElement.GetProperty("ts").GetString());
        var values = json.RootElement.GetProperty("values");
        Assert.Equal(live.Values[ObisCode.Voltage], values.GetProperty("1-0:32.7.0").GetDecimal());
        Assert.Equal(live.Values[ObisCode.ActivePowerImport], values.GetProperty("1-0:1.7.0").GetDecimal());
        Assert.Equal(live.Values.Count, values.EnumerateObject().Count());
    }

    [Fact]
    public void A_series_of_snapshots_round_trips_through_the_payload()
    {
        var meter = Sample.Meter(HouseholdArchetype.SolarHome, 3, new LocalDate(2026, 11, 1), TariffWindow.DayNight);
        var series = meter.SnapshotsBetween(At, At + Duration.FromHours(2), Duration.FromMinutes(15));

        using var json = JsonDocument.Parse(MeterPayloads.Readings(series));
        var readings = json.RootElement.GetProperty("readings").EnumerateArray().ToList();

        Assert.Equal(series.Count, readings.Count);
        for (var i = 0; i < series.Count; i++)
        {
            Assert.Equal(MeterPayloads.Timestamp(series[i].Timestamp), readings[i].GetProperty("ts").GetString());
            foreach (var (code, value) in series[i].Values)
            {
                Assert.Equal(value, readings[i].GetProperty("values").GetProperty(code.ToString()).GetDecimal());
            }
        }
    }

    [Fact]
    public void Appliance_readings_say_whether_the_plug_is_on()
    {
        var meter = Sample.Meter(HouseholdArchetype.Retired, 3, new LocalDate(2026, 11, 1));
        meter.SetApplianceState("tv", false, At);

        var json = Encoding.UTF8.GetString(MeterPayloads.ApplianceReadings([meter.ApplianceSnapshotAt("tv", At)]));

        Assert.Matches("""^\{"readings":\[\{"ts":"2026-11-21T10:15:00Z","values":\{"1-0:1\.8\.0":\d+\.\d{3}\},"state":"off"\}\]\}$""", json);
    }
}
