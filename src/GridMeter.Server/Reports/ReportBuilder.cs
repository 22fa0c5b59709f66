using System.Globalization;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Domain.Reports;
using GridMeter.Server.Appliances;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.Reports;

/// <summary>Computes a report from the meter's consumption, in the meter's local time.</summary>
public sealed class ReportBuilder(ConsumptionQuery consumption, ApplianceRegistry appliances)
{
    public async Task<ReportDocument> BuildAsync(Meter meter, string kind, string period, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var zone = meter.TimeZone;
        var (start, end) = (from.AtStartOfDayInZone(zone).ToInstant(), to.AtStartOfDayInZone(zone).ToInstant());
        var series = MeteredSeries.Of(meter);
        var periodName = period switch { ReportPeriod.Day => "Daily", ReportPeriod.Week => "Weekly", _ => "Monthly" };
        var subtitle = $"Meter {meter.Id}, {from:yyyy-MM-dd} to {to.PlusDays(-1):yyyy-MM-dd}, local time {zone.Id}";
        if (kind == ReportKind.Appliances)
        {
            var rows = await ApplianceRowsAsync(meter, series, start, end, cancellationToken);
            return ReportDocument.Render($"{periodName} appliance breakdown", subtitle, rows, withMinMax: false);
        }
        var size = period == ReportPeriod.Day ? BucketSize.Hour : BucketSize.Day;
        var buckets = await consumption.SummariesAsync(series, ObisCode.ActiveImport, start, end, size, SeriesVersion.Latest, cancellationToken);
        var pattern = size == BucketSize.Hour ? "HH:mm" : "ddd uuuu-MM-dd";
        var withMinMax = kind == ReportKind.MinMaxAvg;
        var lines = buckets.Select(b => new ReportRow(
            b.Bucket.Start.ToString(pattern, CultureInfo.InvariantCulture), Kwh(b.Wh),
            withMinMax ? Kwh(b.MinWh) : null, withMinMax ? Kwh(b.MaxWh) : null,
            withMinMax && b.Wh is { } wh && b.Count > 0 ? Math.Round(wh / 1000m / b.Count, 3) : null)).ToList();
        return ReportDocument.Render(withMinMax ? $"{periodName} minimum, maximum and average" : $"{periodName} consumption summary", subtitle, lines, withMinMax);
    }

    private async Task<List<ReportRow>> ApplianceRowsAsync(Meter meter, MeteredSeries series, Instant start, Instant end, CancellationToken cancellationToken)
    {
        var total = await TotalWhAsync(series, start, end, cancellationToken);
        var rows = new List<ReportRow>();
        long applianceWh = 0;
        foreach (var appliance in await appliances.ListAsync(meter.Key, cancellationToken))
        {
            var wh = await TotalWhAsync(series with { Key = MeteredSeries.ApplianceKey(appliance.Key) }, start, end, cancellationToken);
            applianceWh += wh ?? 0;
            rows.Add(new ReportRow($"{appliance.Name} ({appliance.Id})", Kwh(wh)));
        }
        if (total is { } all)
        {
            rows.Add(new ReportRow("Rest of the home", Kwh(Math.Max(0, all - applianceWh))));
        }
        return rows;
    }

    private async Task<long?> TotalWhAsync(MeteredSeries series, Instant start, Instant end, CancellationToken cancellationToken)
    {
        var days = await consumption.SummariesAsync(series, ObisCode.ActiveImport, start, end, BucketSize.Day, SeriesVersion.Latest, cancellationToken);
        return days.Any(d => d.Wh is not null) ? days.Sum(d => d.Wh ?? 0) : null;
    }

    private static decimal? Kwh(long? wh) => wh / 1000m;
}
