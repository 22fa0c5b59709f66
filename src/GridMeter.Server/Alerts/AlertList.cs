namespace GridMeter.Server.Alerts;

public sealed record AlertList(IReadOnlyList<AlertItem> Items);
