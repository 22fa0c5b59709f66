using System.Buffers;
using System.Text.Json;
using GridMeter.Domain.Readings;
using GridMeter.Simulator.Meters;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Simulator.Wire;

/// <summary>
/// The device payloads of CONTRACT section 2 as UTF-8 JSON: readings, live values and appliance
/// readings. Numbers are written exactly as the decimals hold them (invariant, no exponent), times as
/// RFC 3339 UTC with "Z".
/// </summary>
public static class MeterPayloads
{
    /// <summary>The readings payload <c>{"readings":[{"ts":"…","values":{"1-0:1.8.0":1234.567}}]}</c>.</summary>
    public static byte[] Readings(IEnumerable<RegisterSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("readings");
            foreach (var snapshot in snapshots)
            {
                writer.WriteStartObject();
                WriteTimeAndValues(writer, snapshot.Timestamp, snapshot.Values);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>The live payload <c>{"ts":"…","values":{"1-0:1.7.0":0.42,…}}</c>.</summary>
    public static byte[] Live(LiveValues live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return Write(writer =>
        {
            writer.WriteStartObject();
            WriteTimeAndValues(writer, live.Timestamp, live.Values);
            writer.WriteEndObject();
        });
    }

    /// <summary>An appliance readings payload: the readings shape with the relay state per reading.</summary>
    public static byte[] ApplianceReadings(IEnumerable<ApplianceSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("readings");
            foreach (var snapshot in snapshots)
            {
                writer.WriteStartObject();
                WriteTimeAndValues(writer, snapshot.Registers.Timestamp, snapshot.Registers.Values);
                writer.WriteString("state", snapshot.IsOn ? "on" : "off");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>RFC 3339 in UTC: whole seconds as "2026-11-21T10:15:00Z", fractions only when present.</summary>
    public static string Timestamp(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private static void WriteTimeAndValues(Utf8JsonWriter writer, Instant timestamp, IReadOnlyDictionary<ObisCode, decimal> values)
    {
        writer.WriteString("ts", Timestamp(timestamp));
        writer.WriteStartObject("values");
        Span<char> name = stackalloc char[24];
        foreach (var (code, value) in values)
        {
            code.TryFormat(name, out var length, default, null);
            writer.WritePropertyName(name[..length]);
            writer.WriteNumberValue(value);
        }
        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
