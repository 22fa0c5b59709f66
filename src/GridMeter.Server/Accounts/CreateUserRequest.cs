namespace GridMeter.Server.Accounts;

/// <summary>POST /api/v1/users: organisationId for staff, meterIds and premisesIds for consumers; email and mobile for alerts.</summary>
public sealed record CreateUserRequest(
    string? Username,
    string? Password,
    string? Role,
    string? OrganisationId,
    IReadOnlyList<string>? MeterIds,
    IReadOnlyList<string>? PremisesIds,
    string? Email,
    string? Mobile);
