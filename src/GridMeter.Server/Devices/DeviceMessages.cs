using GridMeter.Domain.Devices;
using GridMeter.Domain.Readings;
using GridMeter.Server.Appliances;
using GridMeter.Server.Commands;
using GridMeter.Server.Events;
using GridMeter.Server.Live;
using GridMeter.Server.Meters;
using GridMeter.Server.Outages;
using GridMeter.Server.Quarantine;
using GridMeter.Server.Readings;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Devices;

/// <summary>
/// Handles a message a device published under meters/{id}/…, whatever broker carried it: readings
/// (the meter's and its appliances') and events are committed before this returns (so the PUBACK that waits for it means stored);
/// live values and status are taken in. A rejected message is quarantined, and the caller tells
/// the device on meters/{id}/errors.
/// </summary>
public sealed class DeviceMessages(
    MeterDirectory meters,
    ReadingIngest readings,
    ApplianceIngest appliances,
    MeterEventStore events,
    LiveValueStore live,
    DeviceStatusStore status,
    QuarantineStore quarantine,
    MeterCommands commands,
    OutageDetector outages,
    TimeProvider clock,
    IOptions<ReadingsOptions> options)
{
    private readonly ReadingLimits _limits = ReadingLimits.Default with { MaxAge = Duration.FromDays(options.Value.MaxAgeDays) };

    public Task<DeviceMessageOutcome> HandleAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        HandleAsync(topic, payload, isWill: false, cancellationToken);

    /// <summary>As above; <paramref name="isWill"/> when the broker publishes the device's will because its connection broke.</summary>
    public async Task<DeviceMessageOutcome> HandleAsync(string topic, ReadOnlyMemory<byte> payload, bool isWill, CancellationToken cancellationToken)
    {
        if (!DeviceTopic.TryParse(topic, out var parsed))
        {
            return DeviceMessageOutcome.Rejected("not a device topic");
        }
        var meter = await meters.FindAsync(parsed.MeterId, cancellationToken);
        if (meter is null)
        {
            return DeviceMessageOutcome.Rejected($"no meter '{parsed.MeterId}'");
        }
        status.Seen(meter.Key);
        if (commands.HasWaiting(meter.Key))
        {
            // The meter is back: offer it what waited (it listens on its commands topic before it talks).
            await commands.DeliverAsync(meter.Key, cancellationToken);
        }
        var source = $"mqtt:{topic}";
        if (parsed.Kind == DeviceTopicKind.Readings)
        {
            var result = await readings.IngestAsync(meter, payload, source, cancellationToken);
            if (result.IsStored)
            {
                await outages.OnHeardAsync(meter, Now(), cancellationToken);
            }
            return result.IsStored ? DeviceMessageOutcome.Accepted : DeviceMessageOutcome.Rejected(result.Rejection!);
        }
        if (parsed.Kind == DeviceTopicKind.ApplianceReadings)
        {
            var result = await appliances.IngestAsync(meter, parsed.SubId!, payload, source, cancellationToken);
            return result.IsStored ? DeviceMessageOutcome.Accepted : DeviceMessageOutcome.Rejected(result.Rejection!);
        }
        if (payload.Length > ReadingLimits.MaxPayloadBytes)
        {
            return await QuarantineAsync(meter, source, $"the payload has {payload.Length} bytes; at most {ReadingLimits.MaxPayloadBytes} are accepted", payload, cancellationToken);
        }
        switch (parsed.Kind)
        {
            case DeviceTopicKind.Live:
                if (!LivePayload.TryDecode(payload.Span, out var snapshot, out var liveError))
                {
                    return await QuarantineAsync(meter, source, liveError!, payload, cancellationToken);
                }
                live.Update(meter.Key, snapshot!);
                await outages.OnHeardAsync(meter, Now(), cancellationToken);
                return DeviceMessageOutcome.Accepted;
            case DeviceTopicKind.Events:
                var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
                if (!EventsPayload.TryDecode(payload.Span, now, _limits, out var list, out var eventsError))
                {
                    return await QuarantineAsync(meter, source, eventsError!, payload, cancellationToken);
                }
                await events.AddAsync(meter.Key, list, cancellationToken);
                await outages.OnEventsAsync(meter, list, cancellationToken);
                return DeviceMessageOutcome.Accepted;
            case DeviceTopicKind.Status:
                if (!StatusPayload.TryDecode(payload.Span, out var statusPayload, out var statusError))
                {
                    return await QuarantineAsync(meter, source, statusError!, payload, cancellationToken);
                }
                await status.ApplyAsync(meter.Key, statusPayload, cancellationToken);
                await outages.OnStatusAsync(meter, statusPayload, isWill, Now(), cancellationToken);
                return DeviceMessageOutcome.Accepted;
            case DeviceTopicKind.CommandResult:
                var answer = await commands.ApplyResultAsync(meter, parsed.SubId!, payload, cancellationToken);
                return answer.IsAccepted ? answer : await QuarantineAsync(meter, source, answer.Rejection!, payload, cancellationToken);
            default:
                return await QuarantineAsync(meter, source, $"'{topic}' is not a topic of the device protocol", payload, cancellationToken);
        }
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());

    private async Task<DeviceMessageOutcome> QuarantineAsync(
        Meter meter, string source, string reason, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await quarantine.AddAsync(meter.Id, source, reason, payload, cancellationToken);
        return DeviceMessageOutcome.Rejected(reason);
    }
}
