namespace GridMeter.Server.Analytics;

/// <summary>
/// The cluster a meter's customer falls in for a season and day type, with that cluster's centre and
/// how far the meter is from it; cluster, distance and centre are null until it has been clustered.
/// </summary>
public sealed record MeterClusterResponse(
    string MeterId, string? SupplierId, string Season, string DayType, int? Cluster, double? Distance, double[]? Centre, DateTimeOffset? ComputedAt);
