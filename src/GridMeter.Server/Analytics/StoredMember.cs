namespace GridMeter.Server.Analytics;

/// <summary>A meter's place in its supplier's clustering of one season and day type.</summary>
public sealed record StoredMember(string SupplierId, string Season, string DayType, long Meter, long Cluster, double Distance);
