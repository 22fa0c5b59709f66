using GridMeter.Server.Accounts;

namespace GridMeter.Server.Auth;

/// <summary>A user row with its lockout counters, as <see cref="PasswordLogin"/> reads it.</summary>
internal sealed record LoginState(
    long Key,
    string Username,
    string PasswordHash,
    string Role,
    string? OrganisationId,
    string? Email,
    string? Mobile,
    string SecurityStamp,
    long FailedLogins,
    long? LockedUntil)
{
    public const string Columns = "key, username, password_hash, role, organisation_id, email, mobile, security_stamp, failed_logins, locked_until";

    public UserAccount Account => new(Key, Username, PasswordHash, Role, OrganisationId, Email, Mobile, SecurityStamp);
}
