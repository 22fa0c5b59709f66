using GridMeter.Domain.Vee;
using GridMeter.Server.Appliances;
using GridMeter.Server.Meters;

namespace GridMeter.Server.Consumption;

/// <summary>Finds what a series key stands for: a meter, or an appliance behind one (which shares its meter's zone and connection).</summary>
public sealed class SeriesTargets(MeterDirectory meters, ApplianceRegistry appliances)
{
    public async Task<SeriesTarget?> ResolveAsync(long seriesKey, CancellationToken cancellationToken)
    {
        var meterKey = seriesKey;
        if (seriesKey < 0)
        {
            var appliance = await appliances.FindByKeyAsync(-seriesKey, cancellationToken);
            if (appliance is null)
            {
                return null;
            }
            meterKey = appliance.MeterKey;
        }
        var meter = await meters.FindByKeyAsync(meterKey, cancellationToken);
        return meter is null
            ? null
            : new SeriesTarget(MeteredSeries.Of(meter) with { Key = seriesKey }, new ConnectionLimit(meter.Phases, meter.NominalVoltageV, meter.MaxCurrentA), meter.SupplierId);
    }
}
