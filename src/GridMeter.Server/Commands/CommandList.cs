namespace GridMeter.Server.Commands;

/// <summary>A meter's commands, newest first.</summary>
public sealed record CommandList(string MeterId, IReadOnlyList<CommandResponse> Items);
