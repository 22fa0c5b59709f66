namespace GridMeter.Server.Analytics;

/// <summary>A cluster as stored: its centre is JSON, the 96 quarter-hour shares of the day.</summary>
public sealed record StoredCluster(string SupplierId, string Season, string DayType, long Cluster, long Members, string Centre, double? Silhouette, long Days, long ComputedAt);
