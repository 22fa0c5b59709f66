namespace GridMeter.Server.Hierarchy;

/// <summary>GET /api/v1/grid/nodes/{id}/balance: a building's main meter against the sum of its sub-meters.</summary>
public sealed record BalanceResponse(string BuildingId, string MainMeterId, IReadOnlyList<string> SubMeterIds, string TimeZone, string Interval, IReadOnlyList<BalancePoint> Points);
