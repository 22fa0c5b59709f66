namespace GridMeter.Server.Accounts;

/// <summary>POST /api/v1/organisations.</summary>
public sealed record CreateOrganisationRequest(string? Id, string? Name, string? Kind);
