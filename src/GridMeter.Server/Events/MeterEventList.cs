namespace GridMeter.Server.Events;

public sealed record MeterEventList(string MeterId, IReadOnlyList<MeterEventResponse> Items);
