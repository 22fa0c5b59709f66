namespace GridMeter.Server.Accounts;

/// <summary>A page of premises.</summary>
public sealed record PremisesList(IReadOnlyList<PremisesResponse> Items, int Offset, int Limit);
