using GridMeter.Server.Meters;
using GridMeter.Server.Quarantine;
using GridMeter.Server.Readings;

namespace GridMeter.Server.Appliances;

/// <summary>
/// The ingest entry point for appliance readings (sub-meters and smart plugs), whatever carried
/// them: the MQTT topic meters/{id}/appliances/{applianceId}/readings or the HTTP route. The payload
/// is that of meter readings; it goes through the same checks, writer and quarantine, stored under
/// the appliance's own series, so validation, estimation and rollups treat it like a meter.
/// </summary>
public sealed class ApplianceIngest(ApplianceRegistry appliances, ReadingIngest ingest, QuarantineStore quarantine)
{
    /// <summary>Answers once the readings are committed, or with why nothing was stored (an unknown appliance is quarantined too).</summary>
    public async Task<IngestResult> IngestAsync(Meter meter, string applianceId, ReadOnlyMemory<byte> payload, string source, CancellationToken cancellationToken)
    {
        var appliance = await appliances.FindAsync(meter.Key, applianceId, cancellationToken);
        if (appliance is null)
        {
            var reason = $"no appliance '{applianceId}' is registered for meter '{meter.Id}'";
            await quarantine.AddAsync(meter.Id, source, reason, payload, cancellationToken);
            return IngestResult.Rejected(reason);
        }
        var result = await ingest.IngestAsync(-appliance.Key, meter.Id, payload, source, cancellationToken);
        if (result.IsStored && ApplianceStates.Latest(payload.Span) is { } state)
        {
            await appliances.SetStateAsync(appliance, state.State, state.At.ToUnixTimeMilliseconds(), cancellationToken);
        }
        return result;
    }
}
