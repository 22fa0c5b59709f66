namespace GridMeter.Server.Accounts;

/// <summary>A place that is supplied (a flat, a house, a shop); its meters point to it.</summary>
public sealed record Premises(long Key, string Id, string? Name, string? Address);
