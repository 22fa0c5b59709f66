using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Analytics;

/// <summary>GridMeter:Analytics — when clustering and fault detection run and over how much history.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "GridMeter:Analytics";

    /// <summary>How often the job runs; each run clusters every supplier anew and checks each series' newly completed days.</summary>
    [Range(1, 10_080)]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>How long one node holds the job's lease before another may take over.</summary>
    [Range(5, 86_400)]
    public int LeaseSeconds { get; set; } = 600;

    /// <summary>Local days of history each clustering averages, grouped by season and day type.</summary>
    [Range(7, 366)]
    public int ClusterDays { get; set; } = 28;

    /// <summary>The number of clusters; 0 chooses it by the mean silhouette between 2 and <see cref="MaxClusters"/>.</summary>
    [Range(0, 50)]
    public int Clusters { get; set; }

    [Range(2, 50)]
    public int MaxClusters { get; set; } = 8;

    /// <summary>The k-means seed: the same data gives the same clusters on every node.</summary>
    public int Seed { get; set; } = 14;

    /// <summary>Days of history each series' same-hour-of-week baseline is learned from.</summary>
    [Range(7, 366)]
    public int FaultHistoryDays { get; set; } = 28;

    /// <summary>Days a portfolio forecast learns from (at least five weeks: four for the shape, one to back-test).</summary>
    [Range(35, 366)]
    public int ForecastDays { get; set; } = 35;

    /// <summary>Meters a portfolio forecast sums at most, to keep one request bounded.</summary>
    [Range(1, 1_000_000)]
    public int MaxForecastMeters { get; set; } = 5_000;
}
