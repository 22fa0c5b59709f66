namespace GridMeter.Server.Analytics;

/// <summary>A supplier's clustering of one season and day type; empty until the analytics job has run with enough data.</summary>
public sealed record ClustersResponse(string SupplierId, string Season, string DayType, int Days, double? Silhouette, DateTimeOffset? ComputedAt, IReadOnlyList<ClusterResponse> Clusters);
