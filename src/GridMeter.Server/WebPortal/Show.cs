using System.Globalization;
using System.Text.Json;
using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Server.WebPortal;

/// <summary>How the portal writes numbers, times and chart data: invariant culture, units spelled out.</summary>
public static class Show
{
    public static string Kwh(long? wh) => wh is { } v ? (v / 1000m).ToString("0.00", CultureInfo.InvariantCulture) + " kWh" : "—";

    public static string Number(decimal value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at, DateTimeZone zone) =>
        at is { } t ? Instant.FromDateTimeOffset(t).InZone(zone).ToString("uuuu-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "never";

    public static string Time(Instant at, DateTimeZone zone) => at.InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(Bucket bucket) => bucket.Start.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(Bucket bucket) => bucket.Start.Date.ToString("uuuu-MM", CultureInfo.InvariantCulture);

    public static string QuarterHour(Bucket bucket) => bucket.Start.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Change against the previous period, e.g. "+12 % against yesterday's 4.10 kWh".</summary>
    public static string Against(long? now, long? before, string previous)
    {
        if (before is not { } b)
        {
            return $"no data for {previous}";
        }
        if (now is not { } n || b == 0)
        {
            return $"{previous}: {Kwh(b)}";
        }
        var change = (n - b) * 100m / b;
        return $"{change.ToString("+0;-0;0", CultureInfo.InvariantCulture)} % against {previous} ({Kwh(b)})";
    }

    /// <summary>Chart points for portal.js: bucket starts in Unix seconds and kWh (null where unknown).</summary>
    public static string ChartData(IEnumerable<BucketSummary> buckets) => JsonSerializer.Serialize(
        buckets.Select(b => new decimal?[] { b.Bucket.Start.ToInstant().ToUnixTimeSeconds(), b.Wh is { } wh ? wh / 1000m : null }).ToList(),
        PortalJson.Default.ChartPoints);
}
