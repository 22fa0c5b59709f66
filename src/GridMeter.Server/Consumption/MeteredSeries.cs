using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.Consumption;

/// <summary>
/// Whatever has registers and readings: a meter (Key = its key) or an appliance behind one (Key =
/// minus the appliance's key), with the time zone of its premises and how often it reports.
/// </summary>
public sealed record MeteredSeries(long Key, DateTimeZone Zone, Duration ReadingPeriod)
{
    /// <summary>False when buckets are asked for in another zone than the series' own: its daily rollups then do not apply.</summary>
    public bool OwnZone { get; init; } = true;

    public MeteredSeries InZone(DateTimeZone zone) => this with { Zone = zone, OwnZone = OwnZone && zone.Id == Zone.Id };

    public static MeteredSeries Of(Meter meter) => new(meter.Key, meter.TimeZone, meter.ReadingPeriod);

    /// <summary>The series key of an appliance: negative, so it never meets a meter's.</summary>
    public static long ApplianceKey(long applianceKey) => -applianceKey;
}
