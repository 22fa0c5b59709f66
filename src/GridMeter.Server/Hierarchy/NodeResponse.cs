namespace GridMeter.Server.Hierarchy;

/// <summary>A network node with its child nodes and the meters placed at it that the caller may see.</summary>
public sealed record NodeResponse(string Id, string Kind, string? ParentId, string? Name, string? MainMeterId, IReadOnlyList<string> Children, IReadOnlyList<string> MeterIds);
