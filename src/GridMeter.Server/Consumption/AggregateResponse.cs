namespace GridMeter.Server.Consumption;

/// <summary>An aggregate over buckets: of a meter, an appliance, a network node or an organisation's portfolio.</summary>
public sealed record AggregateResponse(
    string Kind, string Id, string Flow, string? Obis, string Unit, string TimeZone, string Interval, string Version, IReadOnlyList<AggregatePoint> Points);
