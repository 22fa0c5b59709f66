namespace GridMeter.Server.Live;

public sealed record LiveMinuteList(string MeterId, IReadOnlyList<LiveMinuteResponse> Items);
