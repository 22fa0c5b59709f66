using System.Globalization;
using System.Text.Json;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Drivers;
using GridMeter.Gateway.Uplink;
using GridMeter.Protocols;

namespace GridMeter.Gateway.Registers;

/// <summary>Turns samples into the JSON payloads of CONTRACT section 2.</summary>
public static class PayloadWriter
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    public static byte[] Readings(DateTimeOffset at, IReadOnlyDictionary<Obis, decimal> registers) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new ReadingsPayload([new ReadingEntry(Time(at), registers.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).ToDictionary(r => r.Key.ToString(), r => r.Value))]),
            GatewayJson.Default.ReadingsPayload);

    /// <summary>Instantaneous values (C.7.0 powers, voltages, currents, frequency, power factor) of a sample.</summary>
    public static byte[] Live(MeterSample sample) =>
        JsonSerializer.SerializeToUtf8Bytes(new LivePayload(Time(sample.At), Instantaneous(sample)), GatewayJson.Default.LivePayload);

    public static Dictionary<string, decimal> Instantaneous(MeterSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var value in sample.Values.Where(v => v.Obis.D == 7 && v.Obis.A == 1))
        {
            values[value.Obis.Current.ToString()] = value.Value;
        }
        return values;
    }

    public static byte[] Events(IEnumerable<MeterEventNote> events) =>
        JsonSerializer.SerializeToUtf8Bytes(new EventsPayload(events.Select(e => new EventEntry(Time(e.At), e.Type, e.Details)).ToList()), GatewayJson.Default.EventsPayload);
}
