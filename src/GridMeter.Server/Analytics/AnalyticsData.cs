using GridMeter.Domain.Analytics;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Consumption;
using NodaTime;

namespace GridMeter.Server.Analytics;

/// <summary>The validated series analytics work on, read through the consumption queries: per local day's quarter-hours, or per hour.</summary>
public sealed class AnalyticsData(ConsumptionQuery query)
{
    /// <summary>
    /// Quarter-hour Wh of each local day in [first, first + days): net (import less export) or import
    /// alone; a quarter with no data is null.
    /// </summary>
    public async Task<List<(LocalDate Date, double?[] Wh)>> DaysAsync(MeteredSeries series, LocalDate first, int days, bool net, CancellationToken cancellationToken)
    {
        var from = series.Zone.AtStartOfDay(first).ToInstant();
        var to = series.Zone.AtStartOfDay(first.PlusDays(days)).ToInstant();
        var import = await query.SummariesAsync(series, ObisCode.ActiveImport, from, to, BucketSize.QuarterHour, SeriesVersion.Latest, cancellationToken);
        var export = net ? await query.SummariesAsync(series, ObisCode.ActiveExport, from, to, BucketSize.QuarterHour, SeriesVersion.Latest, cancellationToken) : null;
        var result = new List<(LocalDate, double?[])>();
        foreach (var day in Enumerable.Range(0, import.Count).GroupBy(i => import[i].Bucket.Start.Date))
        {
            result.Add((day.Key, [.. day.Select(i => import[i].Wh is { } wh ? wh - (export is null ? 0 : export[i].Wh ?? 0) : (double?)null)]));
        }
        return result;
    }

    /// <summary>Imported Wh of each hour in [from, to).</summary>
    public async Task<List<HourValue>> HoursAsync(MeteredSeries series, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var hours = await query.SummariesAsync(series, ObisCode.ActiveImport, from, to, BucketSize.Hour, SeriesVersion.Latest, cancellationToken);
        return [.. hours.Where(h => h.Bucket.Interval.Duration == Duration.FromHours(1)).Select(h => new HourValue(h.Bucket.Start.ToInstant(), h.Wh))];
    }
}
