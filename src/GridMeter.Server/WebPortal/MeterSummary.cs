using GridMeter.Domain.Consumption;
using GridMeter.Server.Appliances;
using GridMeter.Server.Devices;
using GridMeter.Server.Events;
using GridMeter.Server.Live;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.WebPortal;

/// <summary>Everything the meter page shows, gathered in one go. Staff-only parts are empty for consumers.</summary>
public sealed record MeterSummary(
    Meter Meter,
    ZonedDateTime Now,
    LiveResponse Live,
    MeterStatusResponse? Status,
    IReadOnlyList<BucketSummary> Days,
    IReadOnlyList<BucketSummary> Months,
    IReadOnlyList<(Appliance Appliance, long? MonthWh)> Appliances,
    IReadOnlyList<RegisterValue> Registers,
    IReadOnlyList<BucketSummary> Intervals,
    IReadOnlyList<MeterEvent> Events)
{
    public long? TodayWh => Days.Count > 0 ? Days[^1].Wh : null;

    public long? YesterdayWh => Days.Count > 1 ? Days[^2].Wh : null;

    public long? ThisMonthWh => Months.Count > 0 ? Months[^1].Wh : null;

    public long? LastMonthWh => Months.Count > 1 ? Months[^2].Wh : null;
}
