namespace GridMeter.Server.Firmware;

public sealed record RolloutList(IReadOnlyList<RolloutResponse> Items);
