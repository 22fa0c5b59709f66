namespace GridMeter.Server.Accounts;

/// <summary>A person who logs in. The password only as its PasswordHasher hash.</summary>
public sealed record UserAccount(
    long Key,
    string Username,
    string PasswordHash,
    string Role,
    string? OrganisationId,
    string? Email,
    string? Mobile,
    string SecurityStamp);
