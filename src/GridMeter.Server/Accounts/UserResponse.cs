namespace GridMeter.Server.Accounts;

/// <summary>A user as the API shows it: never the password, and only the meters and premises the caller may see.</summary>
public sealed record UserResponse(
    string Username,
    string Role,
    string? OrganisationId,
    string? Email,
    string? Mobile,
    IReadOnlyList<string> MeterIds,
    IReadOnlyList<string> PremisesIds)
{
    public static UserResponse From(UserAccount user, ILookup<long, (string Kind, string Id)> links) => new(
        user.Username,
        user.Role,
        user.OrganisationId,
        user.Email,
        user.Mobile,
        [.. links[user.Key].Where(l => l.Kind == "meter").Select(l => l.Id)],
        [.. links[user.Key].Where(l => l.Kind == "premises").Select(l => l.Id)]);
}
