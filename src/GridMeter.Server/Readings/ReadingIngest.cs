using GridMeter.Domain.Readings;
using GridMeter.Server.Meters;
using GridMeter.Server.Quarantine;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Readings;

/// <summary>
/// The one ingest path for readings, whatever carried them (HTTP, MQTT, the demo): decode, check,
/// hand to the group-commit writer, and answer only once committed. A message that fails any
/// check is quarantined whole and changes nothing else.
/// </summary>
public sealed class ReadingIngest(
    RegisterCatalog registers, ReadingWriter writer, QuarantineStore quarantine, TimeProvider clock, IOptions<ReadingsOptions> options,
    Webhooks.WebhookEvents webhooks)
{
    private readonly ReadingLimits _limits = ReadingLimits.Default with { MaxAge = Duration.FromDays(options.Value.MaxAgeDays) };

    public Task<IngestResult> IngestAsync(Meter meter, ReadOnlyMemory<byte> payload, string source, CancellationToken cancellationToken) =>
        IngestAsync(meter.Key, meter.Id, payload, source, cancellationToken);

    /// <summary>
    /// Ingests readings of any series: a meter's (its key) or an appliance's behind a meter (minus the
    /// appliance's key); <paramref name="meterId"/> names the sender in the quarantine.
    /// </summary>
    public async Task<IngestResult> IngestAsync(long seriesKey, string meterId, ReadOnlyMemory<byte> payload, string source, CancellationToken cancellationToken)
    {
        var rejection = Check(payload, out var verdict);
        if (rejection is not null)
        {
            await quarantine.AddAsync(meterId, source, rejection, payload, cancellationToken);
            return IngestResult.Rejected(rejection);
        }

        var stored = new StoredReading[verdict!.Accepted.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            var reading = verdict.Accepted[i];
            stored[i] = new StoredReading(
                seriesKey,
                await registers.KeyOfAsync(reading.Register, cancellationToken),
                reading.Timestamp.ToUnixTimeSeconds(),
                ToThousandths(reading.Value));
        }
        var outcome = await writer.AppendAsync(stored, cancellationToken);
        if (outcome.Inserted > 0)
        {
            await webhooks.PublishAsync(Webhooks.WebhookEventTypes.ReadingsCommitted, meterId, new System.Text.Json.Nodes.JsonObject
            {
                ["meterId"] = meterId,
                ["series"] = seriesKey < 0 ? "appliance" : "meter",
                ["inserted"] = outcome.Inserted,
                ["from"] = verdict.Accepted.Min(r => r.Timestamp).ToDateTimeOffset(),
                ["to"] = verdict.Accepted.Max(r => r.Timestamp).ToDateTimeOffset(),
            }, cancellationToken);
        }
        return IngestResult.Stored(outcome);
    }

    private string? Check(ReadOnlyMemory<byte> payload, out ReadingVerdict? verdict)
    {
        verdict = null;
        if (payload.Length > ReadingLimits.MaxPayloadBytes)
        {
            return $"the payload has {payload.Length} bytes; at most {ReadingLimits.MaxPayloadBytes} are accepted";
        }
        if (!ReadingsPayload.TryDecode(payload.Span, out var snapshots, out var error))
        {
            return error;
        }
        verdict = ReadingRules.Check(snapshots, Instant.FromDateTimeOffset(clock.GetUtcNow()), _limits);
        return verdict.Rejection;
    }

    /// <summary>kWh to Wh (kvarh to varh), rounded half away from zero: storage is exact to the Wh.</summary>
    public static long ToThousandths(decimal value) => (long)decimal.Round(value * 1000m, MidpointRounding.AwayFromZero);
}
