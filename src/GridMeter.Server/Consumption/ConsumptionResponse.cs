namespace GridMeter.Server.Consumption;

/// <summary>GET /api/v1/meters/{id}/consumption (CONTRACT section 3).</summary>
public sealed record ConsumptionResponse(
    string MeterId, string Obis, string Unit, string TimeZone, string Interval, IReadOnlyList<ConsumptionPoint> Points);
