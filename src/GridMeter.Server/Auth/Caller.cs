using System.Globalization;
using System.Security.Claims;

namespace GridMeter.Server.Auth;

/// <summary>Who is asking: a logged-in person with a role, and the organisation they work for.</summary>
public sealed record Caller(long UserKey, string Username, string Role, string? OrganisationId)
{
    public const string UserKeyClaim = "gm:user";
    public const string OrganisationClaim = "gm:org";

    public bool IsAdmin => Role == Roles.Admin;

    public static Caller? From(ClaimsPrincipal principal)
    {
        var key = principal.FindFirstValue(UserKeyClaim);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        if (key is null || role is null)
        {
            return null;
        }
        return new Caller(
            long.Parse(key, CultureInfo.InvariantCulture),
            principal.Identity?.Name ?? "",
            role,
            principal.FindFirstValue(OrganisationClaim));
    }

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [
            new Claim(UserKeyClaim, UserKey.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, Username),
            new Claim(ClaimTypes.Role, Role),
            .. OrganisationId is null ? Array.Empty<Claim>() : [new Claim(OrganisationClaim, OrganisationId)],
        ],
        scheme));
}
