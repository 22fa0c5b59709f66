namespace GridMeter.Server.Accounts;

/// <summary>A checked request for a new user, with the keys of the meters and premises to link (consumers).</summary>
public sealed record NewUser(
    string Username,
    string Password,
    string Role,
    string? OrganisationId,
    string? Email,
    string? Mobile,
    IReadOnlyList<long> MeterKeys,
    IReadOnlyList<long> PremisesKeys);
