using GridMeter.Server.Devices;
using GridMeter.Server.Events;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.Outages;

/// <summary>What device messages say about supply.</summary>
public sealed partial class OutageDetector
{
    /// <summary>power_down (the last gasp) takes the meter down at the event's time; power_up brings it back.</summary>
    public async Task OnEventsAsync(Meter meter, IReadOnlyList<MeterEvent> events, CancellationToken cancellationToken)
    {
        foreach (var meterEvent in events.Where(e => e.Type is "power_down" or "power_up").OrderBy(e => e.Timestamp))
        {
            if (meterEvent.Type == "power_down")
            {
                await MeterDownAsync(meter, meterEvent.Timestamp, OutageCause.PowerDown, cancellationToken);
            }
            else
            {
                await MeterUpAsync(meter, meterEvent.Timestamp, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The will ({"online":false} published by the broker when the connection broke) takes the meter
    /// down; a meter saying itself that it goes offline does not (maintenance, a clean shutdown).
    /// {"online":true} brings it back.
    /// </summary>
    public async Task OnStatusAsync(Meter meter, StatusPayload status, bool isWill, Instant now, CancellationToken cancellationToken)
    {
        if (status.Online == false && isWill)
        {
            await MeterDownAsync(meter, now, OutageCause.Will, cancellationToken);
        }
        else if (status.Online == true)
        {
            await MeterUpAsync(meter, now, cancellationToken);
        }
    }

    /// <summary>Readings or live values from a meter counted as down: it has supply again.</summary>
    public Task OnHeardAsync(Meter meter, Instant now, CancellationToken cancellationToken) =>
        !_loaded || IsDown(meter.Key) ? MeterUpAsync(meter, now, cancellationToken) : Task.CompletedTask;
}
