namespace GridMeter.Server.Outages;

/// <summary>Outages newest first.</summary>
public sealed record OutageList(IReadOnlyList<OutageResponse> Items);
