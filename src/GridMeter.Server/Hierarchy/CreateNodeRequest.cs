namespace GridMeter.Server.Hierarchy;

/// <summary>POST /api/v1/grid/nodes: kind area | feeder | building | premises; a building may name its main ("sink") meter.</summary>
public sealed record CreateNodeRequest(string? Id, string? Kind, string? ParentId, string? Name, string? MainMeterId);
