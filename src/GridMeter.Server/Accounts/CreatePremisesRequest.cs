namespace GridMeter.Server.Accounts;

/// <summary>POST /api/v1/premises: an id, optional name and address, and the meters installed there.</summary>
public sealed record CreatePremisesRequest(string? Id, string? Name, string? Address, IReadOnlyList<string>? MeterIds);
