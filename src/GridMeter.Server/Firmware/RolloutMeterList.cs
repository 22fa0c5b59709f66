namespace GridMeter.Server.Firmware;

public sealed record RolloutMeterList(string RolloutId, IReadOnlyList<RolloutMeterResponse> Items);
