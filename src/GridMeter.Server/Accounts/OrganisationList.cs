namespace GridMeter.Server.Accounts;

/// <summary>A page of organisations.</summary>
public sealed record OrganisationList(IReadOnlyList<Organisation> Items, int Offset, int Limit);
