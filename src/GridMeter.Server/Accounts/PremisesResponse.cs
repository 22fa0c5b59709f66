namespace GridMeter.Server.Accounts;

/// <summary>Premises as the API shows them, with the meters there that the caller may see.</summary>
public sealed record PremisesResponse(string Id, string? Name, string? Address, IReadOnlyList<string> MeterIds);
