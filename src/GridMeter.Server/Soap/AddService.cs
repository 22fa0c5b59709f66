using System.Buffers;
using System.Text.Json;
using System.Xml.Linq;
using GridMeter.Server.Auth;
using GridMeter.Server.Readings;
using NodaTime;

namespace GridMeter.Server.Soap;

/// <summary>
/// AddService: readings from a device (its meter id and secret) or an integrator with the right
/// to change the meter. They are turned into the readings payload of the contract and go through
/// the one ingest path, so the same checks, quarantine and commit apply as over HTTP and MQTT.
/// </summary>
public static class AddService
{
    private static readonly SoapField Reading = SoapField.Group("reading", "Reading", many: true,
        SoapField.Of("timestamp", SoapField.Time), SoapField.Of("obis", SoapField.Text), SoapField.Of("value", SoapField.Number));

    public static readonly SoapService Definition = new("AddService", "Adds register readings of a meter",
    [
        new("AddReadings", "Stores register readings (kWh) of a meter, answered once committed; readings already stored count as duplicates",
            [SoapField.Of("meterId", SoapField.Text), Reading with { Optional = false }],
            [SoapField.Of("inserted", SoapField.Integer), SoapField.Of("duplicates", SoapField.Integer), SoapField.Of("conflicts", SoapField.Integer)],
            AddReadingsAsync),
    ]);

    private static async Task<SoapAnswer> AddReadingsAsync(SoapCall call, CancellationToken cancellationToken)
    {
        var meterId = call.Text("meterId");
        var readings = call.Request.Elements(SoapCall.Ns + "reading").ToList();
        var snapshots = new SortedDictionary<Instant, List<(string Obis, decimal Value)>>();
        foreach (var reading in readings)
        {
            var ts = call.ParseTime("timestamp", reading.Element(SoapCall.Ns + "timestamp")?.Value);
            var obis = reading.Element(SoapCall.Ns + "obis")?.Value;
            var value = call.Number(reading, "value");
            if (obis is null || obis.Length > 20)
            {
                call.Fail("each reading needs an obis code");
            }
            if (call.Problem is not null)
            {
                break;
            }
            (snapshots.TryGetValue(ts, out var values) ? values : snapshots[ts] = []).Add((obis!, value!.Value));
        }
        if (readings.Count == 0)
        {
            call.Fail("at least one reading is required");
        }
        if (call.Problem is { } problem)
        {
            return problem;
        }

        var meter = call.Device;
        if (meter is not null && meter.Id != meterId)
        {
            return SoapFault.Forbidden("A device may only add readings for its own meter id");
        }
        if (meter is null)
        {
            var (visible, fault) = await SoapScope.ChangeableMeterAsync(call, meterId, [Roles.Supplier, Roles.Admin], cancellationToken);
            if (fault is not null)
            {
                return fault;
            }
            meter = visible!;
        }
        var result = await call.Get<ReadingIngest>().IngestAsync(meter, Payload(snapshots), $"soap:AddService:{call.Person?.Actor ?? "device"}", cancellationToken);
        if (!result.IsStored)
        {
            return SoapFault.Client($"The readings were quarantined; nothing was stored: {result.Rejection}");
        }
        return SoapAnswer.Of(
        [
            SoapCall.Element("inserted", result.Outcome.Inserted),
            SoapCall.Element("duplicates", result.Outcome.Duplicates),
            SoapCall.Element("conflicts", result.Outcome.Conflicts),
        ]);
    }

    /// <summary>The readings payload of CONTRACT section 2, one snapshot per timestamp.</summary>
    private static ReadOnlyMemory<byte> Payload(SortedDictionary<Instant, List<(string Obis, decimal Value)>> snapshots)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("readings");
            foreach (var (ts, values) in snapshots)
            {
                json.WriteStartObject();
                json.WriteNumber("ts", ts.ToUnixTimeMilliseconds());
                json.WriteStartObject("values");
                foreach (var (obis, value) in values)
                {
                    json.WriteNumber(obis, value);
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
