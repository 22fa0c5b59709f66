namespace GridMeter.Server.Hierarchy;

/// <summary>PUT /api/v1/meters/{id}/placement: the premises or building the meter hangs in.</summary>
public sealed record PlacementRequest(string? NodeId);
